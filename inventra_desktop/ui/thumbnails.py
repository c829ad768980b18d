"""Product thumbnails for the grid: downloaded on demand for the rows on screen, cached, and a
placeholder while they load (or when a product has no photo)."""

from __future__ import annotations

from collections import OrderedDict, deque

from PySide6.QtCore import QBuffer, QByteArray, QObject, QRectF, Qt, QUrl, QUrlQuery, Signal
from PySide6.QtGui import QColor, QIcon, QImageReader, QPainter, QPixmap
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest


_placeholder: QIcon | None = None


def placeholder_icon() -> QIcon:
    """A rounded grey square for rows without a thumbnail (yet): drawn once, then shared."""
    global _placeholder
    if _placeholder is None:
        pixmap = QPixmap(64, 64)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#D3D8DE"))
        painter.drawRoundedRect(QRectF(4, 4, 56, 56), 12, 12)
        painter.setBrush(QColor("#B3BAC3"))  # a small "picture" mark: a sun and a hill
        painter.drawEllipse(QRectF(38, 14, 12, 12))
        painter.drawRoundedRect(QRectF(12, 36, 40, 16), 6, 6)
        painter.end()
        _placeholder = QIcon(pixmap)
    return _placeholder


class ThumbnailLoader(QObject):
    """Downloads product thumbnails on demand, at most `max_downloads` at once, into an LRU cache.

    `icon(url)` answers from the cache or queues the URL; the newest requests go first (they are
    the rows on screen now), and the queue drops its oldest entries when a fast scroll floods it.
    With `enabled` False (tests, offline) nothing is ever fetched.

    Signals:
        loaded(str): the thumbnail for this URL is now in the cache.
        failed(str): it could not be fetched or decoded; it will not be asked for again.
    """

    loaded = Signal(str)
    failed = Signal(str)

    MAX_QUEUED = 64

    def __init__(self, parent: QObject | None = None, *, enabled: bool = True, pixels: int = 64,
                 max_downloads: int = 4, cache_size: int = 512) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self._pixels = pixels
        self._max_downloads = max_downloads
        self._cache_size = cache_size
        self._cache: OrderedDict[str, QIcon] = OrderedDict()
        self._queue: deque[str] = deque()
        self._queued: set[str] = set()
        self._running: dict[QNetworkReply, str] = {}
        self._failed: set[str] = set()
        self._network: QNetworkAccessManager | None = None  # created on the first download

    def icon(self, url: str) -> QIcon | None:
        """The cached thumbnail for `url`, or None after queueing it (when enabled)."""
        icon = self._cache.get(url)
        if icon is not None:
            self._cache.move_to_end(url)
            return icon
        if self.enabled and url not in self._queued and url not in self._failed \
                and url not in self._running.values():
            if len(self._queue) >= self.MAX_QUEUED:
                self._queued.discard(self._queue.popleft())  # scrolled past: asked again if shown again
            self._queue.append(url)
            self._queued.add(url)
            self._start_downloads()
        return None

    def is_cached(self, url: str) -> bool:
        return url in self._cache

    def downloads_running(self) -> int:
        return len(self._running)

    def _start_downloads(self) -> None:
        while self._queue and len(self._running) < self._max_downloads:
            url = self._queue.pop()
            self._queued.discard(url)
            if self._network is None:
                self._network = QNetworkAccessManager(self)
                self._network.finished.connect(self._on_network_finished)
            request = QNetworkRequest(self._sized(QUrl(url)))
            request.setTransferTimeout(15_000)
            self._running[self._network.get(request)] = url

    def _sized(self, url: QUrl) -> QUrl:
        # Shopify's CDN scales images server-side: fetch a few KB instead of a 2048 px photo.
        if url.host().endswith("cdn.shopify.com"):
            query = QUrlQuery(url)
            query.removeAllQueryItems("width")
            query.addQueryItem("width", str(self._pixels))
            url.setQuery(query)
        return url

    def _on_network_finished(self, reply: QNetworkReply) -> None:
        url = self._running.pop(reply, None)
        reply.deleteLater()
        if url is not None:
            icon = self._decode(reply) if reply.error() == QNetworkReply.NetworkError.NoError else None
            if icon is None:
                self._failed.add(url)
                self.failed.emit(url)
            else:
                self._cache[url] = icon
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
                self.loaded.emit(url)
        self._start_downloads()

    def _decode(self, reply: QNetworkReply) -> QIcon | None:
        data: QByteArray = reply.readAll()
        buffer = QBuffer()
        buffer.setData(data)
        buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        size = reader.size()
        if size.isValid():
            # Decoding at the target size (JPEG scales while decoding) keeps a big photo from
            # stalling the GUI thread.
            reader.setScaledSize(size.scaled(self._pixels, self._pixels, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        return None if image.isNull() else QIcon(QPixmap.fromImage(image))
