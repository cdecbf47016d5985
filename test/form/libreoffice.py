"""LibreOffice for the workbook tests: one soffice per use, with a private
profile, killed at the end whatever happens (xlsx_libreoffice.py,
../supply_forms.py)."""
import os
import signal
import subprocess
import time


def run(args, timeout=300, env=None):
    """Run a command in its own process group; on a timeout the whole group is killed."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise RuntimeError("timed out: %s" % " ".join(args))
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def profile_url(path):
    return "file://" + os.path.abspath(path)


def convert(soffice, profile, src, outdir):
    """LibreOffice opens the workbook and saves it again as .xlsx in `outdir`:
    soffice's result and the path it should have written."""
    os.makedirs(outdir, exist_ok=True)
    r = run([soffice, "-env:UserInstallation=" + profile_url(profile), "--headless", "--norestore",
             "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir, src])
    return r, os.path.join(outdir, os.path.basename(src))


class Office:
    """One soffice listening on a private pipe, for UNO."""

    def __init__(self, soffice, tmp, name):
        import uno  # noqa: F401  (python3-uno)
        self.pipe = "%s_%d" % (name, os.getpid())
        self.proc = subprocess.Popen(
            [soffice, "-env:UserInstallation=" + profile_url(os.path.join(tmp, "profile-uno")), "--headless",
             "--invisible", "--nologo", "--norestore", "--nodefault",
             "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.desktop = None

    def connect(self):
        import uno
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 90
        while True:
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe)
                break
            except Exception:
                if time.time() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("cannot connect to soffice")
                time.sleep(0.5)
        self.desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)

    def close(self):
        try:
            if self.desktop is not None:
                self.desktop.terminate()
        except Exception:
            pass  # the bridge goes away as soffice quits
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # soffice and its soffice.bin
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=15)

    def open(self, path):
        """The workbook at `path`, opened hidden."""
        return self.desktop.loadComponentFromURL(url(path), "_blank", 0, props(Hidden=True))

    @staticmethod
    def save(doc, path):
        """`doc` saved as .xlsx at `path`."""
        doc.storeToURL(url(path), props(FilterName="Calc MS Excel 2007 XML"))


def props(**kw):
    from com.sun.star.beans import PropertyValue
    out = []
    for k, v in kw.items():
        p = PropertyValue()
        p.Name, p.Value = k, v
        out.append(p)
    return tuple(out)


def url(path):
    import uno
    return uno.systemPathToFileUrl(os.path.abspath(path))


def named_cells(doc, name):
    """The cells of defined name `name`, top to bottom."""
    rng = doc.NamedRanges.getByName(name).getReferredCells()
    return [rng.getCellByPosition(0, k) for k in range(rng.getRows().getCount())]
