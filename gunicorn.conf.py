"""`gunicorn app:server` (this file is read from the working directory). Every setting can be changed
by an environment variable; the server keeps no per-user state, so workers and machines scale out."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Load the layers once, before forking: the workers share those pages until they write to them.
preload_app = True
max_requests = 5000  # recycle a worker now and then, with jitter so they do not restart together
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESSLOG")  # "-" for stdout; off by default
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
