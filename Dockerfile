FROM python:3.13-slim

# Gunicorn puts its control socket in XDG_RUNTIME_DIR, else in a home the app user lacks.
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv PATH="/opt/venv/bin:$PATH" XDG_RUNTIME_DIR=/app/var/run
WORKDIR /app
RUN pip install --no-cache-dir uv==0.13.9 \
    && useradd --system --user-group --no-create-home --shell /usr/sbin/nologin ruisss
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project
COPY . .
# The code, the virtualenv and the collected static files stay root's, so a compromised
# process cannot rewrite them; the app user writes only its runtime directory (the
# Celery beat schedule, gunicorn's control socket) and the uploaded files (var/media, a
# volume in docker-compose.yml).
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput -v0 \
    && install -d -o ruisss -g ruisss -m 0700 /app/var/run /app/var/media
USER ruisss
EXPOSE 8000
# Slim images have no curl. The Host must be an allowed one, and the forwarded scheme
# spares the request the production redirect to HTTPS.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; host = os.environ['ALLOWED_HOSTS'].split(',')[0]; u.urlopen(u.Request('http://127.0.0.1:8000/sante/', headers={'Host': host, 'X-Forwarded-Proto': 'https'}), timeout=4)"]
CMD ["gunicorn", "ruisss.wsgi:application", "--config", "deploy/gunicorn.conf.py"]
