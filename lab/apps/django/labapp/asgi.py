"""The companion ASGI process: Channels serves the WebSocket room on WS_PORT."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labapp.settings")
django_asgi = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import path  # noqa: E402

from labapp.consumers import RoomConsumer  # noqa: E402

application = ProtocolTypeRouter(
    {"http": django_asgi, "websocket": URLRouter([path("ws", RoomConsumer.as_asgi())])}
)
