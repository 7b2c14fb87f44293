"""scripts/env.sh write_config: the master password (.run/admin_passwd) and the
configs that carry it are readable by their owner only, and so is .run/ itself,
also when the caller's umask is the usual 022 and when an older, world-readable
secret is already there."""
import os
import stat
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def write_config(run_dir, db):
    script = 'source "$1/scripts/env.sh"; umask 022; RUN_DIR="$2"; write_config "$3"'
    out = subprocess.run(["bash", "-c", script, "write_config", ROOT, run_dir, db],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_new_run_dir_is_private(tmp_path):
    run_dir = str(tmp_path / ".run")
    conf = write_config(run_dir, "probe_db")
    assert conf == os.path.join(run_dir, "probe_db.conf")
    assert mode(run_dir) == 0o700
    assert mode(os.path.join(run_dir, "admin_passwd")) == 0o600
    assert mode(conf) == 0o600
    with open(os.path.join(run_dir, "admin_passwd")) as secret, open(conf) as config:
        assert "admin_passwd = %s" % secret.read().strip() in config.read()


def test_existing_readable_files_are_made_private(tmp_path):
    run_dir = tmp_path / ".run"
    run_dir.mkdir(mode=0o755)
    secret = run_dir / "admin_passwd"
    secret.write_text("old-secret")
    secret.chmod(0o644)
    conf = write_config(str(run_dir), "probe_db")
    assert mode(str(run_dir)) == 0o700
    assert mode(str(secret)) == 0o600 and secret.read_text() == "old-secret"
    assert mode(conf) == 0o600
