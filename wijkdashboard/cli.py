"""`wijkdashboard`: one command along the data flow —

  wijkdashboard fetch   CBS and PDOK → a raw folder (needs the internet)
  wijkdashboard build   a raw folder → layers
  wijkdashboard serve   layers → the dashboard (gunicorn; --dev for Flask's own server)

`wijkdashboard <command> --help` tells each one's options."""

import argparse
import os
import sys


def serve(argv):
    parser = argparse.ArgumentParser(prog="wijkdashboard serve", description="Serve the dashboard on the layers.")
    parser.add_argument("--layers", help="folder of built layers (default: WIJKDASHBOARD_LAYERS or the embedded ones)")
    parser.add_argument("--host", help="address to listen on (default: HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default: PORT or 8050)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: WEB_CONCURRENCY or 2)")
    parser.add_argument("--dev", action="store_true", help="Flask's single-process server, for development")
    args = parser.parse_args(argv)
    from .app.stories.model import StoryError
    from .app.theme import ThemeError
    try:
        if args.dev:
            from .app import create_app
            create_app(args.layers).run(host=args.host or os.environ.get("HOST", "127.0.0.1"),
                                        port=args.port or int(os.environ.get("PORT", "8050")), debug=False)
            return 0
        from .app.serving import serve as run
        run(args.layers, args.host, args.port, args.workers)
    except (StoryError, ThemeError) as error:  # a story these layers cannot tell, a theme not there: one line
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def build(argv):
    from .builder.pipeline import main
    return main(argv)


def fetch(argv):
    from .fetch.cli import main
    return main(argv)


COMMANDS = {"fetch": fetch, "build": build, "serve": serve}


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    if argv[0] not in COMMANDS:
        print(f"wijkdashboard: unknown command '{argv[0]}' (one of: {', '.join(COMMANDS)})", file=sys.stderr)
        return 2
    return COMMANDS[argv[0]](argv[1:]) or 0


if __name__ == "__main__":
    sys.exit(main())
