#!/usr/bin/env python3
"""Soak test: several devices share one folder for a while, through the real `touchbase` binary.

Each step is random: an edit, a sync, a sync killed (SIGKILL) part way, damage to a change file
(truncate, flip a byte, a sync tool's conflict-copy name, a delay), a lost file, a copied database
(home and signing key: the fork heals by itself, SPEC §3.6; a copy that only lags is re-keyed). Then it heals (delayed files come back, devices sync until a round
changes nothing, re-keying on a clash) and checks that every device shows the same contacts and
conflicts (`--json`), that `PRAGMA integrity_check` is ok everywhere, and that every contact a
device reported as added is present on every device.

    Tools/soak.py --seconds 1800 [--binary .build/debug/touchbase] [--devices 3] [--seed N]

`--seconds` is the whole budget: random steps stop early enough (15%, at most 60 s) to heal.

Limits (the soak does not create them): once a device id has been copied, or has retired by a
re-key or a heal, its files are no longer damaged or lost (a retired id has no author left to publish
them again, and relays carry only ranges a device read whole). Exit status 0 when every check passed; the counts are printed (and written as JSON
with --summary).
"""
import argparse, json, os, random, shutil, signal, sqlite3, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Soak:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.work = tempfile.mkdtemp(prefix="tb-soak-", dir=args.workdir)
        self.folder = os.path.join(self.work, "folder")
        self.held = os.path.join(self.work, "held")
        os.makedirs(self.folder)
        os.makedirs(self.held)
        self.devices = []          # dicts: name, home, id
        self.added = {}            # contact name -> device that reported it committed
        self.protected = set()     # device ids whose files are never damaged (copied or retired)
        self.delayed = []          # (held path, folder path)
        self.counts = {k: 0 for k in ["steps", "edits", "adds", "notes", "syncs", "syncsKilled", "truncated",
                                      "flipped", "conflictCopies", "delayed", "lost", "copies", "clashes",
                                      "rekeys", "republished", "healRounds", "commandFailures",
                                      "heals", "renamed"]}
        self.serial = 0
        self.failures = []

    # -- running the binary --

    def run(self, device, args, timeout=120):
        env = dict(os.environ, NO_COLOR="1", TZ="UTC")
        env.pop("TOUCHBASE_HOME", None)
        p = subprocess.run([self.args.binary] + args + ["--home", device["home"]], env=env,
                           capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr

    def device_id(self, device):
        out = self.run(device, ["devices", "--json"])[1]
        try:
            for d in json.loads(out):
                if d.get("this") or d.get("isThisDevice") or d.get("current"):
                    return d.get("id") or d.get("device")
        except Exception:
            pass
        con = sqlite3.connect(os.path.join(device["home"], "touchbase.sqlite"))
        try:
            return con.execute("SELECT value FROM meta WHERE key = 'device'").fetchone()[0]
        finally:
            con.close()

    def new_device(self):
        name = "dev%d" % len(self.devices)
        d = {"name": name, "home": os.path.join(self.work, name)}
        os.makedirs(d["home"])
        rc, out, err = self.run(d, ["init", "--name", name])
        if rc != 0:
            raise SystemExit("init failed: " + out + err)
        d["id"] = self.device_id(d)
        self.devices.append(d)
        return d

    # -- steps --

    def edit(self, d):
        self.counts["edits"] += 1
        self.serial += 1
        if self.added and self.rng.random() < 0.3:
            who = self.rng.choice(sorted(self.added))
            rc, out, err = self.run(d, ["contact", "edit", who, "--notes", "note %d from %s" % (self.serial, d["name"])])
            if rc == 0:
                self.counts["notes"] += 1
            # Not yet arrived on this device: an honest refusal.
            return
        name = "Soak Contact %d %s" % (self.serial, d["name"])
        rc, out, err = self.run(d, ["contact", "add", name])
        if rc == 0:
            self.added[name] = d["name"]
            self.counts["adds"] += 1
        else:
            self.counts["commandFailures"] += 1
            self.failures.append("contact add on %s failed: %s" % (d["name"], err.strip()[:200]))

    def sync(self, d, kill=False):
        env = dict(os.environ, NO_COLOR="1", TZ="UTC")
        env.pop("TOUCHBASE_HOME", None)
        cmd = [self.args.binary, "sync", "--folder", self.folder, "--json", "--home", d["home"]]
        if kill:
            p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(self.rng.random() * 0.12)
            p.send_signal(signal.SIGKILL)
            p.wait()
            self.counts["syncsKilled"] += 1
            return None
        p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        self.counts["syncs"] += 1
        try:
            report = json.loads(p.stdout)
        except ValueError:
            report = None
        if report is None:
            self.counts["commandFailures"] += 1
            self.failures.append("sync on %s: exit %d: %s" % (d["name"], p.returncode, (p.stdout + p.stderr).strip()[:300]))
            return None
        self.counts["republished"] += report.get("republished", 0)
        self.counts["heals"] += len(report.get("healed") or [])
        if report.get("renamedTo"):
            # This copy's history was the renamed one (SPEC §3.6): it goes on under the derived id.
            self.counts["renamed"] += 1
            self.protected.add(d["id"])
            d["id"] = report["renamedTo"]
            self.protected.add(d["id"])
        if report.get("identityClash"):
            self.counts["clashes"] += 1
        return report

    def rekey(self, d):
        rc, out, err = self.run(d, ["device", "rekey"])
        if rc != 0:
            self.counts["commandFailures"] += 1
            self.failures.append("rekey on %s failed: %s" % (d["name"], (out + err).strip()[:200]))
            return
        self.counts["rekeys"] += 1
        self.protected.add(d["id"])     # the old id retires (or lives on in the other copy: copied)
        d["id"] = self.device_id(d)

    def damageable_files(self):
        out = []
        cdir = os.path.join(self.folder, "changes")
        if not os.path.isdir(cdir):
            return out
        for dev in os.listdir(cdir):
            if dev in self.protected:
                continue
            for f in os.listdir(os.path.join(cdir, dev)):
                if f.endswith(".tbc") and not f.startswith(".") and "conflict" not in f:
                    out.append(os.path.join(cdir, dev, f))
        return sorted(out)

    def damage(self):
        files = self.damageable_files()
        if not files:
            return
        path = self.rng.choice(files)
        kind = self.rng.choice(["truncate", "flip", "conflict", "delay", "lose"])
        if kind == "truncate":
            size = os.path.getsize(path)
            with open(path, "r+b") as f:
                f.truncate(self.rng.randrange(0, max(1, size)))
            self.counts["truncated"] += 1
        elif kind == "flip":
            with open(path, "r+b") as f:
                data = bytearray(f.read())
                if data:
                    i = self.rng.randrange(len(data))
                    data[i] ^= 1 << self.rng.randrange(8)
                    f.seek(0)
                    f.write(data)
            self.counts["flipped"] += 1
        elif kind == "conflict":
            os.rename(path, path[:-4] + ".sync-conflict-20260101-000000-SOAK%04d.tbc" % self.rng.randrange(10000))
            self.counts["conflictCopies"] += 1
        elif kind == "delay":
            held = os.path.join(self.held, "%d-%s" % (self.serial, os.path.basename(path)))
            self.serial += 1
            shutil.move(path, held)
            self.delayed.append((held, path))
            self.counts["delayed"] += 1
        else:
            os.remove(path)
            self.counts["lost"] += 1

    def deliver_delayed(self, everything=False):
        keep = []
        for held, path in self.delayed:
            if everything or self.rng.random() < 0.5:
                if os.path.exists(path):
                    # Republished meanwhile: the sync tool keeps both, one as a conflict copy.
                    path = path[:-4] + ".sync-conflict-20260101-000000-LATE.tbc"
                os.makedirs(os.path.dirname(path), exist_ok=True)
                shutil.move(held, path)
            else:
                keep.append((held, path))
        self.delayed = keep

    def copy(self, d):
        if len(self.devices) >= self.args.devices + self.args.max_copies:
            return
        name = "dev%d" % len(self.devices)
        home = os.path.join(self.work, name)
        os.makedirs(home)
        for f in os.listdir(d["home"]):
            src = os.path.join(d["home"], f)
            if os.path.isfile(src):
                shutil.copy2(src, os.path.join(home, f))
        c = {"name": name, "home": home, "id": d["id"]}
        self.devices.append(c)
        self.protected.add(d["id"])
        self.counts["copies"] += 1

    def step(self):
        self.counts["steps"] += 1
        d = self.rng.choice(self.devices)
        r = self.rng.random()
        if r < 0.45:
            self.edit(d)
        elif r < 0.75:
            report = self.sync(d)
            if report and report.get("identityClash") and self.rng.random() < 0.7:
                self.rekey(d)
        elif r < 0.82:
            self.sync(d, kill=True)
        elif r < 0.92:
            self.damage()
        elif r < 0.96:
            self.deliver_delayed()
        else:
            self.copy(d)

    # -- healing and checks --

    def heal(self):
        self.deliver_delayed(everything=True)
        quiet_rounds = 0
        for rnd in range(60):
            self.counts["healRounds"] += 1
            quiet = True
            last_round = {}
            for d in self.devices:
                report = self.sync(d)
                if report is None:
                    quiet = False
                    continue
                if report.get("identityClash"):
                    self.rekey(d)
                    quiet = False
                    continue
                busy = [k for k in ("importedTotal", "published", "waiting", "heldByClash", "healed", "forks", "heldByFork")
                        if report.get(k)]
                if busy:
                    quiet = False
                    last_round[d["name"]] = {k: report.get(k) for k in busy}
            quiet_rounds = quiet_rounds + 1 if quiet else 0
            if quiet_rounds >= 2:
                return True
        self.failures.append("not quiet after %d heal rounds" % self.counts["healRounds"])
        # What the last round still did, per device: what to look at first.
        self.failures.append("last round: " + json.dumps(last_round, sort_keys=True)[:4000])
        return False

    def check(self):
        views = {}
        for d in self.devices:
            listing = self.run(d, ["contact", "list", "--all", "--json"])[1]
            conflicts = self.run(d, ["conflicts", "--json"])[1]
            views[d["name"]] = (listing, conflicts)
            con = sqlite3.connect(os.path.join(d["home"], "touchbase.sqlite"))
            try:
                ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                con.close()
            if ok != "ok":
                self.failures.append("%s: integrity_check says %s" % (d["name"], ok))
            try:
                names = {c.get("name") for c in json.loads(listing)}
            except ValueError:
                names = set()
                self.failures.append("%s: contact list is not JSON" % d["name"])
            missing = sorted(set(self.added) - names)
            if missing:
                self.failures.append("%s lacks %d committed contacts, e.g. %s" % (d["name"], len(missing), missing[:3]))
        first = self.devices[0]["name"]
        for name, view in views.items():
            if view != views[first]:
                which = "contacts" if view[0] != views[first][0] else "conflicts"
                self.failures.append("%s and %s differ (%s)" % (first, name, which))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--devices", type=int, default=3)
    ap.add_argument("--max-copies", type=int, default=3)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "touchbase"))
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--summary", default=None)
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    args = ap.parse_args()
    s = Soak(args)
    started = time.time()
    for _ in range(args.devices):
        s.new_device()
    steps_end = args.seconds - min(60.0, args.seconds * 0.15)
    while time.time() - started < steps_end:
        s.step()
    healed_at = time.time()
    s.heal()
    s.check()
    result = dict(s.counts, seed=args.seed, devices=len(s.devices), contacts=len(s.added),
                  stepSeconds=round(healed_at - started, 1), healSeconds=round(time.time() - healed_at, 1),
                  failures=s.failures, ok=not s.failures)
    print(json.dumps(result, indent=1, sort_keys=True))
    if args.summary:
        with open(args.summary, "w") as f:
            json.dump(result, f, indent=1, sort_keys=True)
    if not args.keep and not s.failures:
        shutil.rmtree(s.work, ignore_errors=True)
    elif s.failures:
        print("work directory kept: " + s.work, file=sys.stderr)
    return 0 if not s.failures else 1


if __name__ == "__main__":
    sys.exit(main())
