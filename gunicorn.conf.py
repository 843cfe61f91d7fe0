"""gunicorn settings for production (read automatically from the working directory)."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("WEB_THREADS", "2"))
timeout = 30
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
# No client addresses in the access log: people at risk should not be traceable through our logs.
logger_class = "network.access_log.AccessLogger"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# The platform is served from the root: take no SCRIPT_NAME or PATH_INFO from a proxy (or a client behind it).
forwarder_headers = ""
