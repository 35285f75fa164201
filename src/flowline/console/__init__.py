"""The web console: the built single-page app under ``dist/``, served to browsers."""

from flowline.console.serving import ConsoleMiddleware, install_console

__all__ = ["ConsoleMiddleware", "install_console"]
