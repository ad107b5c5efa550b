"""Gunicorn's settings in production: the Dockerfile, docker-compose.yml and
`make bench-pages` all start the site with this file.

Threaded workers (gthread): a request that waits (on the database, on another's
computation of the dashboard, on a client that reads slowly) holds a thread, not a whole
process, so public pages keep answering while coordinators' heavy pages run. A worker
that stops answering is replaced after `timeout` seconds.

`WEB_NICE` lowers the processes' CPU priority: the coordinators' service runs with 10, so
that when the machine is busy the public pages get the processor first.
"""

import gc
import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "8"))
timeout = 30
graceful_timeout = 30
keepalive = 5
accesslog = "-"


def on_starting(server):
    os.nice(int(os.environ.get("WEB_NICE", "0")))


def post_worker_init(worker):
    # What is loaded by now (Django, the apps, their modules) lives as long as the worker:
    # out of the collector's sight, a full collection no longer walks it in mid-request.
    gc.freeze()
