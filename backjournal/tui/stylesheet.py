"""A Textual stylesheet that parses each piece of CSS once per process.

Textual's ``Stylesheet.reparse()`` builds a fresh stylesheet with an empty parse cache and parses
every source again: app.tcss, each widget's DEFAULT_CSS and every screen sheet loaded so far. It
runs on each screen's first visit (its ``CSS_PATH`` is read then, issue #11), so opening Exercises
for the first time spent about 0.3 s re-parsing CSS that had not changed, and every new app in a
process (the test suite builds hundreds) parsed it all again.

Parsed rules depend only on the CSS text, where it was read from, its flags and the CSS variables
(the theme), so they are kept here under exactly that key, for the process. Textual keeps the same
rule objects across its own re-parses within one stylesheet; nothing mutates them after parsing.
"""

from __future__ import annotations

from textual.cache import LRUCache
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

# Enough for every source of the app under a few themes; old themes' entries fall out.
_PARSED: LRUCache[tuple, list[RuleSet]] = LRUCache(512)


class SharedParseStylesheet(Stylesheet):
    """A ``Stylesheet`` whose parsed rules are shared by every instance in the process."""

    def _parse_rules(
        self,
        css: str,
        read_from,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, self._variables_key())
        rules = _PARSED.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if not any(rule.errors for rule in rules):  # errors are reported, never kept
                _PARSED[key] = rules
        return rules

    def _variables_key(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(self._variables.items()))

    def reparse(self) -> None:
        """Textual's ``reparse``, building this class so that the new sheet shares the cache."""
        stylesheet = SharedParseStylesheet(variables=self._variables)
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            stylesheet.add_source(
                css,
                read_from=read_from,
                is_default_css=is_defaults,
                tie_breaker=tie_breaker,
                scope=scope,
            )
        try:
            stylesheet.parse()
        except Exception:
            self._invalid_css.update(stylesheet._invalid_css)
            raise
        self._rules = stylesheet.rules
        self._rules_map = None
        self.source = stylesheet.source
        self._require_parse = False

    def copy(self) -> SharedParseStylesheet:
        stylesheet = SharedParseStylesheet(variables=self._variables.copy())
        stylesheet.source = self.source.copy()
        return stylesheet


def shared_parse(stylesheet: Stylesheet) -> SharedParseStylesheet:
    """``stylesheet`` (an app's, before it starts) as a ``SharedParseStylesheet``."""
    shared = SharedParseStylesheet(variables=stylesheet._variables)
    shared.source = stylesheet.source.copy()
    return shared
