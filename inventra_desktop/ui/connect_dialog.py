"""Connect to a shop: its address, an access token or client credentials, or the demo store."""

from __future__ import annotations

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

from ..services import connecting
from .sentences import describe
from ..services.shop import ShopSession
from .tasks import spawn
from .theme import current_theme


class ConnectDialog(QDialog):
    """Signals: connected(ShopSession) when the shop accepted us; demo_requested()."""

    connected = Signal(object)
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None, shop: str = "") -> None:
        super().__init__(parent)
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
        # Shown once connected without a keyring: the user reads why before going on.
        self.continue_button = QPushButton(self.tr("Continue for this session"))
        self.continue_button.setVisible(False)
        # A way out on a touchscreen with no title bar (kiosk, no window manager): the shop that
        # was open stays, and on first start the app ends.
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setAutoDefault(False)
        self.cancel.clicked.connect(self.reject)
        for b in (self.demo, self.cancel, self.connect_button, self.continue_button):
            b.setMinimumHeight(theme.touch_target)
        buttons.addWidget(self.demo)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.continue_button)
        layout.addLayout(buttons)
        self._connected: ShopSession | None = None
        self.continue_button.clicked.connect(self._continue)

        from .touch import touch_sized
        touch_sized(self.shop, self.use_token, self.use_client, self.token, self.client_id, self.client_secret)
        self.setAccessibleName(self.windowTitle())
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
            base = connecting.shop_base(text)
        except Exception as exc:  # noqa: BLE001 (whatever is wrong with it, said in words)
            self.shop_hint.setText(describe(exc))
            self.connect_button.setEnabled(False)
            return
        self.shop_hint.setText(self.tr("Will connect to %1").replace("%1", base))
        self.connect_button.setEnabled(True)
        self._fill_saved(text)

    def _fill_saved(self, shop: str) -> None:
        """What the keyring kept from the last connect to this shop, so nobody pastes it again."""
        saved = connecting.saved_sign_in(shop)
        if saved is None:
            return
        if saved.uses_client:
            self.use_client.setChecked(True)
            self.client_id.setText(saved.client_id or "")
            self.client_secret.setText(saved.client_secret or "")
        else:
            self.use_token.setChecked(True)
            self.token.setText(saved.token or "")
        self.has_saved_secret = True
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
        self.message.setText(describe(error))
        self.connect_button.setEnabled(True)

    async def try_connect(self) -> ShopSession:
        """Check the credentials and scopes; keep the secret in the keyring; emit `connected`."""
        if self.use_client.isChecked():
            sign_in = connecting.SignIn(self.shop.text(), client_id=self.client_id.text(),
                                        client_secret=self.client_secret.text())
        else:
            sign_in = connecting.SignIn(self.shop.text(), token=self.token.text())
        shop = await connecting.connect(sign_in)
        if not shop.secret_kept:
            # No keyring: say so and wait, rather than close on a note nobody had time to read.
            self._connected = shop
            self.message.setText(self.tr("Connected to %1, but not remembered: %2").replace("%1", shop.shop_name)
                                 .replace("%2", " ".join(shop.notes)))
            self.connect_button.setVisible(False)
            self.continue_button.setVisible(True)
            self.continue_button.setDefault(True)
            self.continue_button.setFocus()
            return shop
        self.message.setText(" ".join(shop.notes) or self.tr("Connected to %1.").replace("%1", shop.shop_name))
        self.connected.emit(shop)
        self.accept()
        return shop

    def _continue(self) -> None:
        if self._connected is not None:
            self.connected.emit(self._connected)
            self.accept()

    def explain_forgotten_secret(self) -> None:
        """The last connect to this shop could not keep its secret: say why the field is empty."""
        if not self.has_saved_secret:
            self.message.setText(self.tr("Last time this computer had no keyring to keep the shop's credentials, so "
                                         "they were not saved: enter them again. To have them remembered, install "
                                         "and unlock a keyring (GNOME Keyring or KWallet on Linux)."))
