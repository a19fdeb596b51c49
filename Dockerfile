# The application image used by docker-compose.yml for web, worker and beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production

WORKDIR /app
# Pango and a font for the PDF printables (WeasyPrint).
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# collectstatic needs settings but no database: give it throwaway values.
RUN SECRET_KEY=build DATABASE_URL=postgres://build@localhost/build REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --noinput

RUN useradd --create-home callboard
USER callboard
EXPOSE 8000
# Workers, timeouts and the garbage-collector freeze: gunicorn.conf.py (docs/operations.md).
CMD ["gunicorn", "-c", "gunicorn.conf.py", "config.wsgi:application"]
