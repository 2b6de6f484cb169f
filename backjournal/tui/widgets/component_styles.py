"""Component styles computed once per theme and focus state, not on every render.

``get_component_rich_style`` walks the stylesheet each time; the widgets that draw themselves
line by line ask for the same few styles hundreds of times per frame.
"""

from __future__ import annotations

from rich.style import Style


class CachedStyles:
    """Mixin for a Widget with ``COMPONENT_CLASSES`` named ``<prefix>--<name>``."""

    STYLE_PREFIX = ""
    _style_cache: tuple[object, dict[str, Style]] | None = None

    def style_of(self, name: str) -> Style:
        """The rich style of the component class ``STYLE_PREFIX--name``."""
        key = (self.app.theme, self.has_focus)  # type: ignore[attr-defined]
        cache = self._style_cache
        if cache is None or cache[0] != key:
            prefix = f"{self.STYLE_PREFIX}--"
            cache = (
                key,
                {
                    n.removeprefix(prefix): self.get_component_rich_style(n)  # type: ignore[attr-defined]
                    for n in self.COMPONENT_CLASSES  # type: ignore[attr-defined]
                },
            )
            self._style_cache = cache
        return cache[1][name]
