#!/usr/bin/env python3
"""Sync a 10,000-file, 1 GiB tree: fal-files-cli sync against fal's sync_dir approach.

Builds a tree of 10,000 files totalling 1 GiB (9,950 files of 4-43 KiB and 50 files of 16 MiB,
random bytes), then times three runs of each approach against its own emulator (loopback, no
added latency), and reads the bytes sent from the emulator's request log (--log):

- first sync: the /data folder is empty;
- no-change re-sync: nothing changed;
- one-file change: one small file rewritten with other bytes of the same size.

fal's sync_dir (fal/sync.py in fal's SDK) is replayed step by step: hash every file's bytes in
os.walk order, POST /files/dir/check_hash, and when that says false, zip the whole folder
(ZIP_DEFLATED, as sync_dir does) with .fal_hash inside and upload it with unzip=true. Its
.fal_hash is written into a copy of the tree, as sync_dir writes into the folder it syncs.

    tests/bench/sync_bench.py [--build build] [--files 10000] [--gib 1.0] [--keep]
"""
import argparse, hashlib, http.client, json, os, random, re, shutil, subprocess, tempfile, time
import zipfile

KEY = "bench:bench-secret"
MiB = 1024 * 1024


def make_tree(folder, files, total):
    big_count, big_size = 50, 16 * MiB
    small_count = files - big_count
    small_total = total - big_count * big_size
    rng = random.Random(13)
    sizes = [rng.randint(4 * 1024, 43 * 1024) for _ in range(small_count)]
    scale = small_total / sum(sizes)
    sizes = [max(1, int(s * scale)) for s in sizes]
    sizes[-1] += small_total - sum(sizes)
    for i, size in enumerate(sizes):
        sub = os.path.join(folder, f"shard{i % 100:02}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"sample-{i:05}.bin"), "wb") as f:
            f.write(os.urandom(size))
    os.makedirs(os.path.join(folder, "weights"), exist_ok=True)
    for i in range(big_count):
        with open(os.path.join(folder, "weights", f"part-{i:02}.bin"), "wb") as f:
            for _ in range(big_size // MiB):
                f.write(os.urandom(MiB))


class Emulator:
    def __init__(self, build, work, name):
        self.root = os.path.join(work, f"root-{name}")
        self.log = os.path.join(work, f"log-{name}.jsonl")
        os.makedirs(self.root)
        self.process = subprocess.Popen(
            [os.path.join(build, "emulator", "fal-files-emulator"), "--root", self.root, "--port", "0",
             "--key", KEY, "--log", self.log], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.url = re.search(r"(http://\S+)", self.process.stdout.readline()).group(1)
        self.lines = 0

    def requests_since_last(self):
        """(requests, request body bytes) logged since the previous call."""
        time.sleep(0.2)  # the log line is written after the answer
        with open(self.log) as f:
            entries = [json.loads(line) for line in f]
        new = entries[self.lines:]
        self.lines = len(entries)
        return len(new), sum(e["request_bytes"] for e in new)

    def stop(self):
        self.process.terminate()
        self.process.wait()


def cli_sync(build, emulator, work, folder):
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(work, "xdg"), FAL_KEY=KEY)
    start = time.perf_counter()
    out = subprocess.run([os.path.join(build, "app", "fal-files-cli"), "--endpoint", emulator.url,
                          "--journal", os.path.join(work, "journal.sqlite"), "sync", "--json", folder,
                          "/data/dataset"], check=True, env=env, capture_output=True, text=True).stdout
    seconds = time.perf_counter() - start
    answer = json.loads(out)
    plan, result = answer["plan"]["totals"], answer["result"]
    read = " (.fal_hash: folder read again)" if result["folder_hash_files_read"] else ""
    return seconds, (f"{plan['add'] + plan['replace']} sent, {plan['hashed_locally']} hashed locally, "
                     f"{plan['remote_checksums']} server checksums{read}")


def sync_dir_hash(folder):
    h = hashlib.sha256()
    for root, _, files in os.walk(folder):
        for name in files:
            if name != ".fal_hash":
                with open(os.path.join(root, name), "rb") as f:
                    h.update(f.read())
    return h.hexdigest()


def post(url, path, body, headers):
    host = re.match(r"http://([^/]+)", url).group(1)
    conn = http.client.HTTPConnection(host, timeout=3600)
    conn.putrequest("POST", path)
    headers = dict(headers, Authorization=f"Key {KEY}")
    if isinstance(body, str):  # a file to stream
        headers["Content-Length"] = str(os.path.getsize(body))
    else:
        headers["Content-Length"] = str(len(body))
    for k, v in headers.items():
        conn.putheader(k, v)
    conn.endheaders()
    if isinstance(body, str):
        with open(body, "rb") as f:
            while chunk := f.read(MiB):
                conn.send(chunk)
    else:
        conn.send(body)
    answer = conn.getresponse()
    data = answer.read()
    conn.close()
    if answer.status != 200:
        raise SystemExit(f"{path}: {answer.status} {data[:200]!r}")
    return json.loads(data)


def sync_dir(emulator, work, folder):
    """fal's sync_dir(folder, "/data/dataset"), step by step."""
    start = time.perf_counter()
    local_hash = sync_dir_hash(folder)
    if post(emulator.url, "/files/dir/check_hash/dataset", json.dumps({"hash": local_hash}).encode(),
            {"Content-Type": "application/json"}) is True:
        return time.perf_counter() - start, "in sync: nothing zipped"
    with open(os.path.join(folder, ".fal_hash"), "w") as f:
        f.write(local_hash)
    archive = os.path.join(work, "sync_dir.zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for root, _, files in os.walk(folder):
            for name in files:
                path = os.path.join(root, name)
                z.write(path, os.path.relpath(path, folder))
    body = os.path.join(work, "sync_dir-body")
    boundary = "syncbenchboundary"
    with open(body, "wb") as out, open(archive, "rb") as zipped:
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"file_upload\"; "
                  f"filename=\"dataset.zip\"\r\nContent-Type: application/zip\r\n\r\n".encode())
        shutil.copyfileobj(zipped, out, MiB)
        out.write(f"\r\n--{boundary}--\r\n".encode())
    os.remove(archive)
    post(emulator.url, "/files/file/local/dataset?unzip=true", body,
         {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    os.remove(body)
    return time.perf_counter() - start, "zipped and sent everything"


def change_one(folder):
    shard = os.path.join(folder, "shard42")
    path = os.path.join(shard, sorted(os.listdir(shard))[0])
    size = os.path.getsize(path)
    with open(path, "wb") as f:
        f.write(os.urandom(size))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(os.path.dirname(__file__), "..", "..", "build"))
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--gib", type=float, default=1.0)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    work = tempfile.mkdtemp(prefix="fal-sync-bench-")
    try:
        ours = os.path.join(work, "dataset")
        make_tree(ours, args.files, int(args.gib * 1024 * MiB))
        theirs = os.path.join(work, "dataset-sync_dir")
        shutil.copytree(ours, theirs)
        total = sum(os.path.getsize(os.path.join(r, n)) for r, _, fs in os.walk(ours) for n in fs)
        print(f"\n{args.files} files, {total / MiB:.0f} MiB; emulator on loopback, no added latency\n")
        print(f"{'run':<20} {'approach':<22} {'seconds':>8} {'requests':>9} {'MiB sent':>10}  note")
        rows = []
        for approach, folder, run in (("fal-files-cli sync", ours, None), ("sync_dir (zip all)", theirs, None)):
            emulator = Emulator(build, work, "cli" if folder == ours else "sync_dir")
            try:
                for label in ("first sync", "no-change re-sync", "one-file change"):
                    if label == "one-file change":
                        change_one(folder)
                    if folder == ours:
                        seconds, note = cli_sync(build, emulator, work, folder)
                    else:
                        seconds, note = sync_dir(emulator, work, folder)
                    requests, sent = emulator.requests_since_last()
                    rows.append((label, approach, seconds, requests, sent, note))
                    print(f"{label:<20} {approach:<22} {seconds:>8.2f} {requests:>9} {sent / MiB:>10.2f}  {note}",
                          flush=True)
            finally:
                emulator.stop()
    finally:
        if args.keep:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
