"""How the dashboard is served in production: gunicorn's settings, each changeable by an environment
variable. The server keeps no per-user state, so workers and machines scale out (one REDIS_URL shares
the cache between them). Read by `wijkdashboard serve` and by gunicorn.conf.py (`gunicorn app:server`)."""

import os


def options(host=None, port=None, workers=None):
    return {
        "bind": f"{host or os.environ.get('HOST', '127.0.0.1')}:{port or os.environ.get('PORT', '8050')}",
        "workers": workers or int(os.environ.get("WEB_CONCURRENCY", "2")),
        "threads": int(os.environ.get("GUNICORN_THREADS", "4")),
        "worker_class": "gthread",
        "timeout": int(os.environ.get("GUNICORN_TIMEOUT", "30")),
        "graceful_timeout": 20,
        "keepalive": 5,
        # Load the layers once, before forking: the workers share those pages until they write to them.
        "preload_app": True,
        "max_requests": 5000,  # recycle a worker now and then, with jitter so they do not restart together
        "max_requests_jitter": 500,
        "accesslog": os.environ.get("GUNICORN_ACCESSLOG"),  # "-" for stdout; off by default
        "errorlog": "-",
        "loglevel": os.environ.get("GUNICORN_LOGLEVEL", "warning"),
    }


def serve(layers_dir=None, host=None, port=None, workers=None):
    """The dashboard under gunicorn, in this process (its master) and its workers."""
    from gunicorn.app.base import BaseApplication

    class Dashboard(BaseApplication):
        def load_config(self):
            for key, value in options(host, port, workers).items():
                self.cfg.set(key, value)

        def load(self):
            from . import create_app
            return create_app(layers_dir).server

    Dashboard().run()
