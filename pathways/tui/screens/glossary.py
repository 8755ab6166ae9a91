"""The glossary: every term, with its definition and the sources it rests on."""

from __future__ import annotations

from typing import ClassVar

from rich.markdown import Markdown
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pathways.core.model import RuleGraph
from pathways.tui.frames import PromptFrames
from pathways.tui.rich_visual import RenderedOnce
from pathways.tui.rule_content import citation_block, reference_block, text
from pathways.tui.widgets.kept_in_view import KeptInView


class GlossaryScreen(PromptFrames, ModalScreen[None]):
    DEFAULT_CSS = """
    GlossaryScreen #term-definition {
        margin: 1 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,g,q", "close", "Close")]

    def __init__(self, graph: RuleGraph, first: str | None = None) -> None:
        super().__init__()
        self.graph = graph
        self.first = first

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Static(Content.styled("Glossary", "bold"), classes="dialog-title")
            with Horizontal(classes="dialog-body"):
                yield KeptInView(
                    *(
                        Option(Content(text(term.term)), id=term.id)
                        for term in sorted(self.graph.glossary.values(), key=lambda t: t.term)
                    ),
                    id="terms",
                )
                with VerticalScroll(id="term-detail", can_focus=True):
                    yield Static(id="term-name")
                    yield Static(id="term-definition")
                    yield Static(id="term-body")
            yield Static(
                Content.styled(
                    "↑↓ choose a term · tab: the definition · escape closes", "$text-muted"
                ),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        terms = self.query_one("#terms", OptionList)
        if not self.graph.glossary:
            self.query_one("#term-name", Static).update("This rule pack has no glossary yet.")
            return
        index = 0
        if self.first is not None:
            try:
                index = terms.get_option_index(self.first)
            except KeyError:
                index = 0
        terms.highlighted = index
        terms.focus()

    @on(OptionList.OptionHighlighted, "#terms")
    def _show_term(self, event: OptionList.OptionHighlighted) -> None:
        term = self.graph.glossary.get(event.option.id or "")
        if term is None:
            return
        self.query_one("#term-name", Static).update(Content.styled(text(term.term), "bold"))
        # The definition is Markdown (rendered, never shown as raw *...*), links inert.
        definition = self.query_one("#term-definition", Static)
        definition.update(
            RenderedOnce(definition, Markdown(text(term.definition.strip()), hyperlinks=False))
        )
        blocks = [citation_block(self.graph, c) for c in term.citations]
        blocks += [reference_block(self.graph, r) for r in term.references]
        self.query_one("#term-body", Static).update(Content("\n\n").join(blocks))

    def action_close(self) -> None:
        self.dismiss(None)
