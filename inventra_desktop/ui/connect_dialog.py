"""Connect to a shop: its address, an access token or client credentials, or the demo store."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..shopify.address import ShopAddress
from ..shopify.auth import ClientCredentials, Credentials, StaticToken
from ..shopify.client import AdminClient
from ..shopify.errors import KeyringUnavailable, ShopifyError
from ..shopify.secrets import SecretStore
from .tasks import spawn
from .theme import current_theme


@dataclass
class Connection:
    address: ShopAddress
    credentials: Credentials
    shop_name: str
    demo: bool = False
    note: str | None = None  # e.g. the keyring could not keep the secret


class ConnectDialog(QDialog):
    """Signals: connected(Connection) when the shop accepted us; demo_requested()."""

    connected = Signal(object)
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None, shop: str = "", secrets: SecretStore | None = None) -> None:
        super().__init__(parent)
        self.secrets = secrets or SecretStore()
        self.has_saved_secret = False
        self.setWindowTitle(self.tr("Connect to your Shopify shop"))
        self.setMinimumWidth(560)
        theme = current_theme()
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.spacing)

        intro = QLabel(self.tr("Inventra keeps every count in your shop. Enter the shop's address and the "
                               "credentials of your Inventra app."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.shop = QLineEdit(shop)
        self.shop.setPlaceholderText("my-shop.myshopify.com")
        self.shop.setAccessibleName(self.tr("Shop address"))
        self.shop_hint = QLabel()
        self.shop_hint.setWordWrap(True)
        form.addRow(self.tr("Shop"), self.shop)
        form.addRow("", self.shop_hint)

        self.use_token = QRadioButton(self.tr("Admin API access token"))
        self.use_client = QRadioButton(self.tr("Client ID and secret (Dev Dashboard app)"))
        self.use_token.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.use_token)
        group.addButton(self.use_client)
        choice = QVBoxLayout()  # one above the other: side by side they do not fit at kiosk size
        choice.addWidget(self.use_token)
        choice.addWidget(self.use_client)
        form.addRow(self.tr("Sign in with"), choice)

        self.pages = QStackedWidget()
        token_page, client_page = QWidget(), QWidget()
        token_form, client_form = QFormLayout(token_page), QFormLayout(client_page)
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText("shpat_…")
        self.token.setAccessibleName(self.tr("Access token"))
        token_form.addRow(self.tr("Access token"), self.token)
        self.client_id = QLineEdit()
        self.client_id.setAccessibleName(self.tr("Client ID"))
        self.client_secret = QLineEdit()
        self.client_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.client_secret.setAccessibleName(self.tr("Client secret"))
        client_form.addRow(self.tr("Client ID"), self.client_id)
        client_form.addRow(self.tr("Client secret"), self.client_secret)
        self.pages.addWidget(token_page)
        self.pages.addWidget(client_page)
        form.addRow(self.pages)
        layout.addLayout(form)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(self.tr("Connection message"))
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.demo = QPushButton(self.tr("Try the demo store"))
        self.connect_button = QPushButton(self.tr("Connect"))
        self.connect_button.setDefault(True)
        for b in (self.demo, self.connect_button):
            b.setMinimumHeight(theme.touch_target)
        buttons.addWidget(self.demo)
        buttons.addStretch(1)
        buttons.addWidget(self.connect_button)
        layout.addLayout(buttons)

        self.shop.textChanged.connect(self._on_shop_edited)
        self.use_client.toggled.connect(lambda on: self.pages.setCurrentIndex(1 if on else 0))
        self.connect_button.clicked.connect(self._on_connect_clicked)
        self.demo.clicked.connect(self._on_demo_clicked)
        self._on_shop_edited(self.shop.text())

    # ---- validation as you type ------------------------------------------------------------
    def _on_shop_edited(self, text: str) -> None:
        if not text.strip():
            self.shop_hint.setText(self.tr("For example my-shop or my-shop.myshopify.com"))
            self.connect_button.setEnabled(False)
            return
        try:
            address = ShopAddress.parse(text)
        except ShopifyError as exc:
            self.shop_hint.setText(str(exc))
            self.connect_button.setEnabled(False)
            return
        self.shop_hint.setText(self.tr("Will connect to %1").replace("%1", address.base))
        self.connect_button.setEnabled(True)
        self._fill_saved(address.name)

    def _fill_saved(self, shop: str) -> None:
        """What the keyring kept from the last connect to this shop, so nobody pastes it again."""
        try:
            token = self.secrets.get(shop, "token")
            client_id, client_secret = self.secrets.get(shop, "client_id"), self.secrets.get(shop, "client_secret")
        except KeyringUnavailable:
            return
        if client_id and client_secret and not token:
            self.use_client.setChecked(True)
            self.client_id.setText(client_id)
            self.client_secret.setText(client_secret)
        elif token:
            self.use_token.setChecked(True)
            self.token.setText(token)
        self.has_saved_secret = bool(token or (client_id and client_secret))
        if self.has_saved_secret:
            self.message.setText(self.tr("Using the credentials saved in the keyring for this shop."))

    def _on_demo_clicked(self) -> None:
        self.demo_requested.emit()
        self.accept()

    def connect_now(self) -> None:
        """Connect with what the fields hold (the Connect button; the app on start with saved credentials)."""
        self._on_connect_clicked()

    def _on_connect_clicked(self) -> None:
        self.connect_button.setEnabled(False)
        self.message.setText(self.tr("Connecting…"))
        spawn(self.try_connect(), self._show_failure, name="connect")

    def _show_failure(self, error: BaseException) -> None:
        self.message.setText(str(error) if isinstance(error, ShopifyError)
                             else self.tr("Something unexpected went wrong; the log has the details."))
        self.connect_button.setEnabled(True)

    async def try_connect(self) -> Connection | None:
        """Check the credentials and scopes; keep the secrets in the keyring; emit `connected`."""
        address = ShopAddress.parse(self.shop.text())
        if self.use_client.isChecked():
            creds: Credentials = ClientCredentials(address, self.client_id.text().strip(), self.client_secret.text())
            secret_kind, secret = "client_secret", self.client_secret.text()
        else:
            creds = StaticToken(self.token.text())
            secret_kind, secret = "token", self.token.text().strip()
        async with AdminClient(address, creds) as client:
            info = await client.connect()
        note = None
        try:
            self.secrets.put(address.name, secret_kind, secret)
            if isinstance(creds, ClientCredentials):  # not a secret, but it belongs with the one that is
                self.secrets.put(address.name, "client_id", self.client_id.text().strip())
                self.secrets.delete(address.name, "token")  # the way in that worked last is the one offered
            else:
                self.secrets.delete(address.name, "client_secret")
        except KeyringUnavailable as exc:
            note = str(exc) + " " + self.tr("You are connected for this session only.")
        result = Connection(address, creds, info.name, note=note)
        self.message.setText(note or self.tr("Connected to %1.").replace("%1", info.name))
        self.connected.emit(result)
        self.accept()
        return result
