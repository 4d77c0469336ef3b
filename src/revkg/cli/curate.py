"""The ``revkg curate`` command: judge candidates and add quoted facts in the browser."""

from __future__ import annotations

import typer

from ._common import out, project, say


def register(app: typer.Typer) -> None:
    app.command("curate")(curate_cmd)


def curate_cmd(
    port: int = typer.Option(8918, "--port", min=0, max=65535, help="Port (0: any free one)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    no_browser: bool = typer.Option(
        False, "--no-browser", help="Print the address only; do not open a browser."
    ),
) -> None:
    """Open a local app to take essays in seeds/ to validated, quoted facts: read an
    essay with its names marked, accept, reject or correct candidates, confirm new
    names, create entities and add facts from selected text. Changes are written to
    graph/review.yaml and graph/curated/ and the graph is rebuilt in the background.

    The address carries a secret token; only a browser that opened it may use the app.

    Example: revkg curate --no-browser
    """
    from ..curate.server import address, make_app, run

    app = make_app(project(), host=host)

    def ready(bound: int) -> None:
        url = address(host, bound, app.token)
        say("curating in the browser; open this address (it holds a secret token):")
        out.print(url, soft_wrap=True, highlight=False)
        say("press Ctrl-C to stop")
        if not no_browser:
            import webbrowser

            webbrowser.open(url)

    try:
        run(app, host=host, port=port, ready=ready)
    except KeyboardInterrupt:
        say("stopped")
