"""Gunicorn's settings in production: the Dockerfile, docker-compose.yml and
`make bench-pages` all start the site with this file."""

import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"
