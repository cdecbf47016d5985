"""A minimal W3C WebDriver client (standard library only) for the form tests:
Chromium through chromedriver's HTTP endpoint, Firefox through Marionette's
TCP protocol. Only what the tests use: navigate, find, click, type, keys,
script, refresh, screenshot, print."""
import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
KEYS = {"ArrowRight": "\ue014", "ArrowLeft": "\ue012", "ArrowDown": "\ue015", "Tab": "\ue004", "Space": "\ue00d"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriverError(Exception):
    pass


class Driver:
    """Commands common to both browsers; subclasses implement _cmd(method, path, body)."""

    def find(self, css):
        return self._cmd("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def find_all(self, css):
        return [e[ELEMENT] for e in self._cmd("POST", "/elements", {"using": "css selector", "value": css})]

    def click(self, el):
        self._cmd("POST", "/element/%s/click" % el, {})

    def type(self, el, text):
        self._cmd("POST", "/element/%s/value" % el, {"text": text})

    def keys(self, *names):
        seq = []
        for n in names:
            k = KEYS.get(n, n)
            seq += [{"type": "keyDown", "value": k}, {"type": "keyUp", "value": k}]
        self._cmd("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": seq}]})
        self._cmd("DELETE", "/actions", None)

    def js(self, script, *args):
        return self._cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def get(self, url):
        self._cmd("POST", "/url", {"url": url})

    def refresh(self):
        self._cmd("POST", "/refresh", {})

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self._cmd("GET", "/screenshot", None)))

    def print_pdf(self, path):
        data = self._cmd("POST", "/print", {"background": True, "page": {"width": 21.0, "height": 29.7}})
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))


class Chromium(Driver):
    def __init__(self, download_dir, lang="en-US"):
        self.tmp = tempfile.mkdtemp(prefix="csm-chromium-")
        self.port = free_port()
        self.proc = subprocess.Popen(["chromedriver", "--port=%d" % self.port],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = "http://127.0.0.1:%d" % self.port
        for _ in range(100):
            try:
                self._http("GET", "/status", None)
                break
            except OSError:
                time.sleep(0.1)
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1200,1600", "--lang=" + lang, "--user-data-dir=" + self.tmp + "/profile"]
        caps = {"browserName": "chrome", "goog:chromeOptions": {
            "binary": "/usr/bin/chromium", "args": args,
            "prefs": {"download.default_directory": download_dir, "download.prompt_for_download": False,
                      "intl.accept_languages": lang}}}
        r = self._http("POST", "/session", {"capabilities": {"alwaysMatch": caps}})
        self.sid = r["value"]["sessionId"]
        self._http("POST", "/session/%s/goog/cdp/execute" % self.sid,
                   {"cmd": "Browser.setDownloadBehavior",
                    "params": {"behavior": "allow", "downloadPath": download_dir}})

    def _http(self, method, path, body):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return json.loads(resp.read())
        except urllib.error.HTTPError as e:
            raise WebDriverError("%s %s: %s" % (method, path, e.read().decode(errors="replace")[:500]))

    def _cmd(self, method, path, body):
        return self._http(method, "/session/%s%s" % (self.sid, path), body)["value"]

    def quit(self):
        try:
            self._http("DELETE", "/session/%s" % self.sid, None)
        except Exception:
            pass
        self.proc.kill()
        self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


class Firefox(Driver):
    """Firefox through Marionette (firefox --marionette), which speaks the
    WebDriver commands as [0, id, "WebDriver:Name", params] messages."""

    COMMANDS = {("POST", "/element"): "WebDriver:FindElement", ("POST", "/elements"): "WebDriver:FindElements",
                ("POST", "/actions"): "WebDriver:PerformActions", ("DELETE", "/actions"): "WebDriver:ReleaseActions",
                ("POST", "/execute/sync"): "WebDriver:ExecuteScript", ("POST", "/url"): "WebDriver:Navigate",
                ("POST", "/refresh"): "WebDriver:Refresh", ("GET", "/screenshot"): "WebDriver:TakeScreenshot",
                ("POST", "/print"): "WebDriver:Print"}

    def __init__(self, download_dir, lang="en-US"):
        self.tmp = tempfile.mkdtemp(prefix="csm-firefox-")
        self.port = free_port()
        profile = os.path.join(self.tmp, "profile")
        os.mkdir(profile)
        prefs = {"marionette.port": self.port, "browser.download.folderList": 2,
                 "browser.download.dir": download_dir, "browser.download.useDownloadDir": True,
                 "browser.download.always_ask_before_handling_new_types": False,
                 "browser.helperApps.neverAsk.saveToDisk": "application/json",
                 "intl.accept_languages": lang, "intl.locale.requested": lang,
                 "browser.shell.checkDefaultBrowser": False, "datareporting.policy.dataSubmissionEnabled": False,
                 "app.update.auto": False, "app.update.enabled": False, "browser.startup.homepage": "about:blank",
                 "startup.homepage_welcome_url": "about:blank", "network.captive-portal-service.enabled": False,
                 "browser.safebrowsing.malware.enabled": False, "browser.safebrowsing.phishing.enabled": False,
                 "extensions.update.enabled": False, "browser.download.manager.showWhenStarting": False,
                 "browser.download.alwaysOpenPanel": False, "browser.download.panel.shown": True}
        with open(os.path.join(profile, "user.js"), "w") as f:
            for k, v in prefs.items():
                f.write("user_pref(%s, %s);\n" % (json.dumps(k), json.dumps(v)))
        env = dict(os.environ, MOZ_HEADLESS="1", MOZ_HEADLESS_WIDTH="1200", MOZ_HEADLESS_HEIGHT="1600")
        self.proc = subprocess.Popen(["firefox", "--headless", "--marionette", "--no-remote", "--profile", profile],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        self.sock = None
        for _ in range(300):
            try:
                self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=60)
                break
            except OSError:
                time.sleep(0.1)
        if not self.sock:
            raise WebDriverError("Marionette did not start")
        self.buf = b""
        self.msgid = 0
        self._read()  # the greeting
        self.call("WebDriver:NewSession", {"capabilities": {"alwaysMatch": {"acceptInsecureCerts": True}}})

    def _read(self):
        while b":" not in self.buf:
            self.buf += self._recv()
        n, _, rest = self.buf.partition(b":")
        n = int(n)
        while len(rest) < n:
            rest += self._recv()
        self.buf = rest[n:]
        return json.loads(rest[:n])

    def _recv(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise WebDriverError("Marionette closed the connection")
        return chunk

    def call(self, name, params):
        self.msgid += 1
        data = json.dumps([0, self.msgid, name, params]).encode()
        self.sock.sendall(str(len(data)).encode() + b":" + data)
        while True:
            msg = self._read()
            if msg[0] == 1 and msg[1] == self.msgid:
                if msg[2]:
                    raise WebDriverError("%s: %s" % (name, msg[2]))
                return msg[3]

    def _cmd(self, method, path, body):
        parts = path.split("/")
        if len(parts) == 4 and parts[1] == "element":
            name = {"click": "WebDriver:ElementClick", "value": "WebDriver:ElementSendKeys"}[parts[3]]
            params = dict(body or {}, id=parts[2])
        else:
            name = self.COMMANDS[(method, path)]
            params = body or {}
        r = self.call(name, params)
        return r.get("value") if isinstance(r, dict) and "value" in r else r

    def quit(self):
        try:
            self.call("Marionette:Quit", {"flags": ["eForceQuit"]})
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)
