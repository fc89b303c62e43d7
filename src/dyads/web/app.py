"""The dashboard app: `create_app(db)` serves HTML pages, our JavaScript and CSS, plotly's own JavaScript
(read from the installed plotly package) and the JSON routes of dyads.web.routes.

Read-only and local: GET only, no request bodies, bounded query strings, a Content-Security-Policy that lets a
page load and fetch from this server alone, and (from `dyads serve` on a loopback address) only loopback
Host headers.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.middleware.trustedhost import TrustedHostMiddleware

from dyads.errors import StoreError, UsageError

HERE = Path(__file__).resolve().parent
# route -> (page, title, draws charts): pages/<page>.html is the page's <main>, set in pages/_frame.html
PAGES = {"/": ("index", "Dashboard", False), "/timeline": ("timeline", "Dyad timelines", True),
         "/shift": ("shift", "Stance shift", True), "/network": ("network", "Actor network", True),
         "/events": ("events", "Events", False), "/article": ("article", "Article", False)}
MAX_QUERY = 2048  # bytes of query string; longer is refused with 414
MAX_PATH = 1024
# plotly.js adds its CSS rules to an empty <style> element it creates (through the CSSOM, which CSP allows): the
# hash is that of the empty text, so no style text of a page or an attacker can run. Its bundled map CSS
# (a <style> with text, for maps we never draw) stays refused.
EMPTY_STYLE = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
POLICY = (f"default-src 'self'; script-src 'self'; style-src 'self' {EMPTY_STYLE}; img-src 'self' data:; "
          "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
          "frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", POLICY.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
           (b"cross-origin-resource-policy", b"same-origin")]
LOOPBACK_HOSTS = ["127.0.0.1", "localhost"]


def create_app(db: str | os.PathLike, hosts: list[str] | None = None) -> FastAPI:
    """The dashboard over the database `db`; `hosts`: the Host headers accepted (all when None)."""
    from contextlib import asynccontextmanager

    from dyads import api
    from dyads.web.cache import ResponseCache
    from dyads.web.routes import router

    # what every request reads, passed to the dyads.api functions as their `db`: one read-only connection held
    # across requests and let go whenever an ingest wants to write the file (storage/access.py), so that the
    # dashboard keeps answering, and stays fresh, while an ingest runs
    reader = api.shared_reader(db)

    @asynccontextmanager
    async def lifespan(app):
        api.start_index(reader)  # the event index (storage/readmodel.py), built before the first pages ask
        yield
        reader.close()

    app = FastAPI(title="dyads", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.db = db
    app.state.reader = reader
    app.include_router(router)
    _add_pages(app)
    if hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    app.add_middleware(ResponseCache, reader=reader)
    app.add_middleware(Guard)  # the outermost: its headers go on every response
    app.add_exception_handler(UsageError, _usage_error)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(RequestValidationError, _bad_parameter)
    return app


def _add_pages(app: FastAPI) -> None:
    from dyads.api import DEFAULT_MIN_CONFIDENCE

    frame = (HERE / "pages" / "_frame.html").read_text(encoding="utf-8")
    for route, (name, title, charts) in PAGES.items():
        main = (HERE / "pages" / f"{name}.html").read_text(encoding="utf-8").rstrip("\n")
        main = main.replace("{min_confidence}", str(DEFAULT_MIN_CONFIDENCE))
        scripts = '<script src="/static/plotly.min.js"></script>\n' if charts else ""
        text = frame.format(title=title, name=name, main=main, scripts=scripts)
        app.add_api_route(route, _page(text), methods=["GET"], response_class=HTMLResponse, include_in_schema=False)
    app.add_api_route("/static/plotly.min.js", _plotly, methods=["GET"], include_in_schema=False)
    app.add_api_route("/static/{name}", _static_files(HERE / "static"), methods=["GET", "HEAD"],
                      include_in_schema=False)


MEDIA = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def _static_files(folder: Path):
    """Our JavaScript and CSS (a few kilobytes), read once and served from memory on the event loop, with an
    ETag so that a browser asks again cheaply. (Starlette's StaticFiles reads each file in a worker thread:
    under load that thread hop made a style sheet the slowest answer of the dashboard.)"""
    import hashlib

    files = {}
    for path in sorted(folder.iterdir()):
        if path.suffix in MEDIA:
            body = path.read_bytes()
            files[path.name] = (body, MEDIA[path.suffix], '"' + hashlib.sha256(body).hexdigest()[:20] + '"')

    async def static(name: str, request: Request) -> Response:
        if name not in files:
            return JSONResponse({"error": f"no file /static/{name}"}, status_code=404)
        body, media, etag = files[name]
        headers = {"etag": etag, "cache-control": "no-cache"}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        return Response(b"" if request.method == "HEAD" else body, media_type=media,
                        headers=headers | {"content-length": str(len(body))})
    return static


def _page(text: str):
    def page() -> HTMLResponse:
        return HTMLResponse(text)
    return page


def plotly_script() -> Path:
    """plotly.min.js inside the installed plotly package (never copied into this repository)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise StoreError("plotly is not installed: the charts need its plotly.min.js")
    return Path(spec.submodule_search_locations[0]) / "package_data" / "plotly.min.js"


def _plotly() -> FileResponse:
    return FileResponse(plotly_script(), media_type="text/javascript")


async def _usage_error(request, err: UsageError) -> JSONResponse:
    return JSONResponse({"error": str(err), "option": err.option, "reason": err.reason}, status_code=400)


async def _store_error(request, err: StoreError) -> JSONResponse:
    return JSONResponse({"error": str(err)}, status_code=503)


async def _bad_parameter(request, err: RequestValidationError) -> JSONResponse:
    first = err.errors()[0] if err.errors() else {}
    option = str(first.get("loc", ["", "parameter"])[-1])
    reason = first.get("msg", "invalid value")
    return JSONResponse({"error": f"{option}: {reason}", "option": option, "reason": reason}, status_code=400)


class Guard:
    """GET (and HEAD) only, without a body, with a bounded path and query string; adds the security headers
    to every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":  # a new message: the one given may be kept (cache.py)
                message = dict(message, headers=list(message.get("headers", [])) + HEADERS)
            await send(message)

        refusal = self.refusal(scope)
        if refusal:
            status, reason = refusal
            response = JSONResponse({"error": reason}, status_code=status,
                                    headers={"allow": "GET, HEAD"} if status == 405 else None)
            return await response(scope, receive, send_with_headers)
        return await self.app(scope, receive, send_with_headers)

    @staticmethod
    def refusal(scope) -> tuple[int, str] | None:
        if scope["method"] not in ("GET", "HEAD"):
            return 405, f"method {scope['method']} not allowed: the dashboard is read-only (GET only)"
        if len(scope.get("query_string", b"")) > MAX_QUERY:
            return 414, f"query string longer than {MAX_QUERY} bytes"
        if len(scope.get("raw_path") or scope["path"].encode()) > MAX_PATH:
            return 414, f"path longer than {MAX_PATH} bytes"
        headers = dict(scope.get("headers", []))
        if headers.get(b"content-length", b"0").strip() not in (b"", b"0") or b"transfer-encoding" in headers:
            return 413, "request bodies are not accepted (GET only)"
        return None
