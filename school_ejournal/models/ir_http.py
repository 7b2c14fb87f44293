"""Every request of the journal's database passes ir.http._dispatch: the one
place an addon sees a request both before its controller runs and with the
response object in hand, before Odoo's Root.get_response saves the session and
sets the session cookie.

- Redirect targets: a ``redirect`` parameter that is not a local path is dropped
  before any controller reads it, so each route falls back to its own default
  (``/web`` for /web/login and /web/session/logout, ``/my`` for a portal user):
  one check for every route of Odoo and of the addon that takes one.
- Session fixation: when a request logs a user in, the session gets a new id
  (and a new session token, which Odoo signs over the id); get_response then
  saves it under that id and sets it as the cookie.
- The session cookie: get_response sets it with a fixed 90-day max-age and no
  SameSite/Secure and reads no setting; the response returned from here is the
  object it calls set_cookie on, so that one call is wrapped on this response
  only: SameSite=Lax always, Secure when the request came over HTTPS (directly
  or, under proxy_mode, X-Forwarded-Proto), and a shorter max-age."""
from werkzeug.urls import url_parse

from odoo import models
from odoo.http import Response, request, root
from odoo.service import security

REDIRECT_PARAMS = ("redirect",)
SESSION_COOKIE = "session_id"
# a week; idle sessions end much earlier (auth_session_timeout)
SESSION_MAX_AGE = 7 * 24 * 3600


def is_local_path(url):
    """True for a path of this site ("/web", "/my/diary?x=1"); False for
    another host in any spelling a browser follows ("//host", "/\\host",
    "https://…", "javascript:…", control characters that browsers strip)."""
    if not isinstance(url, str) or not url.startswith("/") or url.startswith("//"):
        return False
    if "\\" in url or any(ord(c) < 33 or ord(c) == 127 for c in url):
        return False
    parsed = url_parse(url)
    return not parsed.scheme and not parsed.netloc


def is_web_url(url):
    """An absolute http(s) link to another site (homework links)."""
    if not isinstance(url, str) or any(ord(c) < 33 or ord(c) == 127 or c == "\\" for c in url):
        return False
    parsed = url_parse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and url.lower().startswith(
        parsed.scheme + "://")


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _dispatch(cls):
        params = request.params
        for key in REDIRECT_PARAMS:
            if key in params and params[key] and not is_local_path(params[key]):
                params.pop(key)
        uid_before = request.session.uid
        response = super(IrHttp, cls)._dispatch()
        session = request.session
        if session.uid and (session.uid != uid_before or params.get("login_success")) \
                and not cls._school_explicit_session():
            cls._school_rotate_session(session)
        if isinstance(response, (bytes, str)):
            # as get_response would wrap it, so that the cookie goes on this object
            response = Response(response, mimetype="text/html")
        cls._school_session_cookie(response)
        return response

    @classmethod
    def _school_rotate_session(cls, session):
        """A new id for a session that has just logged in; the planted one is
        deleted. As Odoo's own rotation at logout, plus a new session token: the
        token is signed over the id."""
        store = root.session_store
        store.delete(session)
        session.sid = store.generate_key()
        session.session_token = security.compute_session_token(session, request.env)
        session.modified = True

    @classmethod
    def _school_explicit_session(cls):
        """A session named by a URL parameter or header: get_response sets no
        cookie for it, so its id must stay the one the client knows."""
        httprequest = request.httprequest
        return bool(httprequest.args.get("session_id") or httprequest.headers.get("X-Openerp-Session-Id"))

    @classmethod
    def _school_session_cookie(cls, response):
        if not hasattr(response, "set_cookie"):
            return
        secure = request.httprequest.environ.get("wsgi.url_scheme") == "https"
        original = response.set_cookie

        def set_cookie(key, value="", max_age=None, *args, **kwargs):
            if key != SESSION_COOKIE:
                return original(key, value, max_age, *args, **kwargs)
            if max_age is None or max_age > SESSION_MAX_AGE:
                max_age = SESSION_MAX_AGE
            kwargs["httponly"] = True
            kwargs["secure"] = secure or kwargs.get("secure", False)
            kwargs.pop("samesite", None)
            result = original(key, value, max_age, *args, **kwargs)
            # werkzeug < 0.15 has no samesite argument: add the attribute to the header
            cookies = response.headers.getlist("Set-Cookie")
            response.headers.remove("Set-Cookie")
            for cookie in cookies:
                if cookie.startswith(SESSION_COOKIE + "=") and "samesite=" not in cookie.lower():
                    cookie += "; SameSite=Lax"
                response.headers.add("Set-Cookie", cookie)
            return result

        response.set_cookie = set_cookie
