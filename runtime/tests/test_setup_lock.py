"""scripts/setup.sh holds a lock while it sets the machine up; the PostgreSQL server
it starts must not inherit that lock, or every later `make run`/`make test`/`make
bench` on the machine waits for it for ever (seen: the second command hung)."""
import fcntl
import os


def test_setup_lock_is_free_after_setup():
    home = os.environ.get("EJOURNAL_HOME") or os.path.expanduser("~/.cache/school_ejournal")
    path = os.path.join(home, "setup.lock")
    assert os.path.exists(path), "make test runs scripts/setup.sh first"
    with open(path, "w") as lock:
        # the set-up of this run is over: nobody (no server it started) may hold the lock
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(lock, fcntl.LOCK_UN)
