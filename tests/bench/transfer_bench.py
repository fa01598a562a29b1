#!/usr/bin/env python3
"""Transfer benchmark: fal-files-cli and the GUI's engine against curl, on one emulator.

Uploads and downloads a file (1 GiB by default) through curl, the CLI and the engine, prints
throughput, the ratio to curl and peak memory; then the longest UI-thread stall during four
parallel transfers, and the bytes sent again after the CLI is killed a third of the way through
an upload. Needs a built tree (packaging/setup.sh) and curl.

    tests/bench/transfer_bench.py [--build build] [--size-mib 1024] [--runs 3]
                                  [--only multipart,listing] [--emulator PATH]

A whole run ends with the emulator's own floors; --only runs just those: "multipart" (curl, 10 MiB parts, 4 curl processes
at a time, against one streamed curl POST of the same file) and "listing" (curl of a folder of
100,000 empty files, median of 5, against the 250 ms target). --emulator picks another
fal-files-emulator binary (an older build, for before/after figures).
"""
import argparse, concurrent.futures, datetime, hashlib, json, os, re, shutil, signal, statistics, subprocess, sys, tempfile, time

KEY = "bench:bench-secret"


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def timed(command, env=None):
    """Runs a command under /usr/bin/time -v; returns (seconds, peak RSS in KiB, CPU seconds)."""
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-v", "-o", report.name] + command, check=True,
                       stdout=subprocess.DEVNULL, env=env)
        seconds = time.perf_counter() - start
        text = report.read()
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
        cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", text).group(1))
                  for kind in ("User", "System"))
    return seconds, rss, cpu


class Emulator:
    def __init__(self, build, work, binary=None):
        self.root = os.path.join(work, "root")
        self.log = os.path.join(work, "requests.jsonl")
        self.time_report = os.path.join(work, "emulator.time")
        os.makedirs(self.root)
        self.process = subprocess.Popen(
            ["/usr/bin/time", "-v", "-o", self.time_report, binary or os.path.join(build, "emulator", "fal-files-emulator"),
             "--root", self.root, "--port", "0", "--key", KEY, "--log", self.log],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        self.url = re.search(r"(http://\S+)", line).group(1)

    def requests(self):
        with open(self.log) as f:
            return [json.loads(line) for line in f if line.strip()]

    def stop(self):
        # /usr/bin/time forwards nothing: signal the emulator itself, its only child.
        children = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout.split()
        for pid in children:
            os.kill(int(pid), signal.SIGINT)
        self.process.wait(timeout=30)
        with open(self.time_report) as f:
            return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read()).group(1))


PART_SIZE = 10 << 20
LISTING_TARGET_MS = 250


def curl_multipart(url, auth, source, remote, parts_dir, parallel=4):
    """The multipart protocol's floor: initiate, every part by its own curl process (4 at a
    time), complete. The parts are cut beforehand, outside the timing. Returns the seconds in all, the
    seconds complete took and the etag it answered."""
    parts = sorted(os.listdir(parts_dir), key=int)
    base = f"{url}/files/file/multipart/{remote}"
    start = time.perf_counter()
    upload_id = json.loads(subprocess.run(["curl", "-sS", "-f", "-X", "POST"] + auth + [f"{base}/initiate"],
                                          check=True, capture_output=True).stdout)["upload_id"]

    def put(name):
        out = subprocess.run(["curl", "-sS", "-f", "-X", "PUT"] + auth +
                             ["-F", f"file_upload=@{os.path.join(parts_dir, name)};filename=chunk",
                              f"{base}/{upload_id}/{name}"], check=True, capture_output=True).stdout
        return {"part_number": int(name), "etag": json.loads(out)["etag"]}
    with concurrent.futures.ThreadPoolExecutor(parallel) as pool:
        listed = list(pool.map(put, parts))
    parts_done = time.perf_counter()
    answer = subprocess.run(["curl", "-sS", "-f", "-X", "POST", "-H", "Content-Type: application/json"] + auth +
                            ["--data-binary", json.dumps({"parts": listed}), f"{base}/{upload_id}/complete"],
                            check=True, capture_output=True).stdout
    end = time.perf_counter()
    return end - start, end - parts_done, json.loads(answer)["etag"]


def listing_clients(build, emulator):
    """The same listing through fal-files-cli (ls, ls --json) and, when it is importable, fal's
    own SDK (FalFileSystem.ls): elapsed time, CPU and peak memory of each whole process."""
    cli = os.path.join(build, "app", "fal-files-cli")
    commands = [("fal-files-cli ls", [cli, "--endpoint", emulator.url, "ls", "/data/listing"]),
                ("fal-files-cli ls --json", [cli, "--endpoint", emulator.url, "ls", "--json",
                                             "/data/listing"])]
    sdk = ("import sys\nfrom fal.files import FalFileSystem\n"
           "print(len(FalFileSystem().ls('/data/listing', detail=True)), file=sys.stderr)\n")
    env = dict(os.environ, FAL_KEY=KEY, FAL_REST_URL=emulator.url)
    if subprocess.run([sys.executable, "-c", "import fal.files"], capture_output=True).returncode == 0:
        commands.append(("fal SDK FalFileSystem.ls", [sys.executable, "-c", sdk]))
    else:
        print("fal's SDK (fal.files) is not importable here: no SDK row")
    print(f"\n{'100,000 entries, whole process':<32}{'elapsed ms':>11}{'CPU ms':>8}{'peak MB':>9}   (median of 5)")
    results = {}
    for label, command in commands:
        try:
            runs = [timed(command, env) for _ in range(6)][1:]  # the first warms the caches
        except subprocess.CalledProcessError as error:
            print(f"{label:<32} failed: {error}")
            continue
        results[label] = statistics.median(r[0] for r in runs)
        print(f"{label:<32}{results[label] * 1000:11.0f}{statistics.median(r[2] for r in runs) * 1000:8.0f}"
              f"{statistics.median(r[1] for r in runs) / 1024:9.1f}")
    if "fal-files-cli ls" in results and "fal-files-cli ls --json" in results:
        print(f"targets: ls < 500 ms and < 60 MB; --json adds "
              f"{(results['fal-files-cli ls --json'] - results['fal-files-cli ls']) * 1000:.0f} ms (< 100 ms)")


def emulator_floors(args, build, work):
    """--only multipart,listing: curl against the emulator alone, no client of ours."""
    only = set(args.only.split(","))
    emulator = Emulator(build, work, args.emulator)
    auth = ["-H", "Authorization: Key " + KEY]
    try:
        if "multipart" in only:
            size = args.size_mib << 20
            source = os.path.join(work, "source.bin")
            parts_dir = os.path.join(work, "parts")
            os.makedirs(parts_dir)
            md5 = hashlib.md5()
            with open(source, "wb") as f:
                for n in range(1, -(-size // PART_SIZE) + 1):
                    chunk = os.urandom(min(PART_SIZE, size - (n - 1) * PART_SIZE))
                    md5.update(chunk)
                    f.write(chunk)
                    with open(os.path.join(parts_dir, str(n)), "wb") as part:
                        part.write(chunk)
            single, multi, completes = [], [], []
            for run in range(args.runs):
                subprocess.run(["sync"], check=True)
                start = time.perf_counter()
                subprocess.run(["curl", "-sS", "-f", "-o", "/dev/null"] + auth +
                               ["-F", f"file_upload=@{source};filename=source.bin",
                                f"{emulator.url}/files/file/local/bench/single-{run}.bin"], check=True)
                single.append(time.perf_counter() - start)
                subprocess.run(["sync"], check=True)
                seconds, complete, etag = curl_multipart(emulator.url, auth, source, f"bench/multi-{run}.bin", parts_dir)
                if etag != md5.hexdigest():
                    sys.exit(f"complete answered etag {etag}, the file's MD5 is {md5.hexdigest()}")
                multi.append(seconds)
                completes.append(complete)
                for name in (f"single-{run}.bin", f"multi-{run}.bin"):
                    os.remove(os.path.join(emulator.root, "bench", name))
            s, m = statistics.median(single), statistics.median(multi)
            print(f"\n{args.size_mib} MiB from curl, median of {args.runs} runs:")
            print(f"  curl single POST            {s:6.2f} s  (runs {', '.join(f'{x:.2f}' for x in single)})")
            print(f"  curl multipart (10 MiB x4)  {m:6.2f} s  (runs {', '.join(f'{x:.2f}' for x in multi)})")
            print(f"    of which complete         {statistics.median(completes):6.2f} s")
            print(f"  multipart / single POST     {m / s:6.2f}   (target <= 1.30)")
        if "listing" in only:
            folder = os.path.join(emulator.root, "listing")
            os.makedirs(folder)
            for i in range(100000):  # empty files: the listing stats them, never reads them
                os.close(os.open(os.path.join(folder, f"file-{i:06d}.bin"), os.O_CREAT | os.O_WRONLY, 0o644))
            for route in ("files/list/listing", "v1/serverless/files/list/listing"):
                times = []
                for _ in range(6):  # the first one warms the dentry cache and is left out
                    out = subprocess.run(["curl", "-sS", "-f", "-o", "/dev/null", "-w", "%{time_total}"] + auth +
                                         [f"{emulator.url}/{route}"], check=True, capture_output=True, text=True).stdout
                    times.append(float(out) * 1000)
                print(f"listing of 100,000 entries, GET /{route}: {statistics.median(times[1:]):.0f} ms "
                      f"(median of 5; target < {LISTING_TARGET_MS} ms)")
            listing_clients(build, emulator)
    finally:
        emulator.stop()
        with open(emulator.time_report) as f:
            report = f.read()
        cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", report).group(1)) for kind in ("User", "System"))
        print(f"emulator CPU, whole run: {cpu:.1f} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(os.path.dirname(__file__), "..", "..", "build"))
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", help="multipart,listing: just the emulator's floors with curl")
    parser.add_argument("--emulator", help="the fal-files-emulator to run (default: the build's)")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    cli = os.path.join(build, "app", "fal-files-cli")
    engine = os.path.join(build, "tests", "bench", "bench_engine")
    size = args.size_mib << 20

    work = tempfile.mkdtemp(prefix="fal-bench-")
    if args.only:
        try:
            emulator_floors(args, build, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    try:
        emulator = Emulator(build, work, args.emulator)
        auth = ["-H", "Authorization: Key " + KEY]
        source = os.path.join(work, "source.bin")
        with open(source, "wb") as f:
            for _ in range(args.size_mib):
                f.write(os.urandom(1 << 20))
        source_sha = sha256(source)
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(work, "xdg"))
        common = [cli, "--endpoint", emulator.url, "--key", KEY, "--journal", os.path.join(work, "journal.sqlite")]

        def median_of(make_command, check=None):
            results = []
            for run in range(args.runs):
                command = make_command(run)
                # Start each run with no dirty pages left by the previous one: the kernel's
                # write-back throttling would otherwise bill one tool for another's writes.
                subprocess.run(["sync"], check=True)
                results.append(timed(command, env))
                if check:
                    check(run)
            seconds = statistics.median(r[0] for r in results)
            return seconds, max(r[1] for r in results), statistics.median(r[2] for r in results)

        def check_download(path):
            def check(run):
                if sha256(path) != source_sha:
                    sys.exit(f"{path} differs from the source")
                os.remove(path)
            return check

        rows = []
        curl_up = median_of(lambda run: ["curl", "-sS", "-f", "-o", "/dev/null"] + auth +
                            ["-F", f"file_upload=@{source};filename=source.bin",
                             f"{emulator.url}/files/file/local/bench/curl-{run}.bin"])
        cli_up = median_of(lambda run: common + ["upload", "--on-conflict=overwrite", source, f"/data/bench/cli-{run}.bin"])
        if sha256(os.path.join(emulator.root, "bench", "cli-0.bin")) != source_sha:
            sys.exit("the uploaded file differs from the source")
        down = os.path.join(work, "down.bin")
        curl_down = median_of(lambda run: ["curl", "-sS", "-f", "-o", down] + auth +
                              [f"{emulator.url}/files/file/bench/cli-0.bin"], check_download(down))
        cli_down = median_of(lambda run: common + ["download", "bench/cli-0.bin", down], check_download(down))
        engine_common = [engine, "--endpoint", emulator.url, "--key", KEY, "--journal", os.path.join(work, "engine.sqlite")]

        def run_engine(extra):
            subprocess.run(["sync"], check=True)
            out = subprocess.run(engine_common + extra, check=True, capture_output=True, text=True, env=env).stdout
            return json.loads(out.strip().splitlines()[-1])
        engine_up = [run_engine(["--upload", source, f"/data/bench/engine-{run}.bin"]) for run in range(args.runs)]
        engine_down = []
        for run in range(args.runs):
            engine_down.append(run_engine(["--download", "bench/cli-0.bin", down]))
            check_download(down)(run)

        # The floor of a verified upload is curl's send plus one MD5 pass over the file.
        md5 = median_of(lambda run: ["md5sum", source])

        def row(name, seconds, rss, curl_seconds, cpu=None):
            rate = size / seconds / 2**20
            rows.append((name, f"{rate:8.0f}", f"{curl_seconds / seconds:5.2f}" if curl_seconds else "    -",
                         f"{rss / 1024:7.1f}"))
        row("upload    curl", curl_up[0], curl_up[1], None)
        row("upload    fal-files-cli", cli_up[0], cli_up[1], curl_up[0])
        row("upload    GUI engine", statistics.median(r["seconds"] for r in engine_up),
            max(r["peak_rss_kb"] for r in engine_up), curl_up[0])
        row("download  curl", curl_down[0], curl_down[1], None)
        row("download  fal-files-cli", cli_down[0], cli_down[1], curl_down[0])
        row("download  GUI engine", statistics.median(r["seconds"] for r in engine_down),
            max(r["peak_rss_kb"] for r in engine_down), curl_down[0])

        # Four transfers at once on the UI thread: two uploads, two downloads of a quarter each.
        quarter = os.path.join(work, "quarter.bin")
        with open(source, "rb") as src, open(quarter, "wb") as dst:
            dst.write(src.read(size // 4))
        shutil.copy(quarter, os.path.join(emulator.root, "bench", "q1.bin"))
        shutil.copy(quarter, os.path.join(emulator.root, "bench", "q2.bin"))
        parallel = run_engine(["--upload", quarter, "/data/bench/p1.bin", "--upload", quarter, "/data/bench/p2.bin",
                               "--download", "bench/q1.bin", os.path.join(work, "q1.bin"),
                               "--download", "bench/q2.bin", os.path.join(work, "q2.bin")])

        # Kill the CLI a third of the way through an upload, start it again.
        parts_total = -(-size // (10 << 20))
        kill_target = "/data/bench/killed.bin"
        before = len(emulator.requests())
        victim = subprocess.Popen(common + ["upload", source, kill_target], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        def accepted(entries):
            return [e for e in entries if e["method"] == "PUT" and e["status"] == 200 and "killed.bin" in e["target"]]
        while len(accepted(emulator.requests()[before:])) < parts_total / 3:
            if victim.poll() is not None:
                sys.exit("the upload finished before it could be killed; use a larger --size-mib")
            time.sleep(0.005)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        stored_before = {int(e["target"].rsplit("/", 1)[1]) for e in accepted(emulator.requests()[before:])}
        time.sleep(0.5)  # let the server log the connections the kill cut
        restart = time.time()
        subprocess.run(common + ["upload", source, kill_target], check=True, env=env)
        if sha256(os.path.join(emulator.root, "bench", "killed.bin")) != source_sha:
            sys.exit("the resumed upload differs from the source")
        entries = [e for e in emulator.requests()[before:] if "killed.bin" in e["target"] and e["method"] == "PUT"]
        def part(e):
            return int(e["target"].rsplit("/", 1)[1])
        def when(e):  # the request's arrival, seconds since the epoch
            return datetime.datetime.fromisoformat(e["ts"].replace("Z", "+00:00")).timestamp()
        cut = [e for e in entries if e["status"] != 200 and part(e) not in stored_before]
        second = [e for e in entries if when(e) >= restart and e["status"] == 200]
        resent = [e for e in second if part(e) in stored_before]
        wasted = sum(e["request_bytes"] for e in cut)

        emulator_rss = emulator.stop()
        print(f"\nfal Files transfer benchmark: {args.size_mib} MiB, median of {args.runs} runs, loopback emulator\n")
        print(f"{'transfer':<26}{'MiB/s':>8}  {'vs curl':>7}  {'peak MiB':>8}")
        for name, rate, ratio, rss in rows:
            print(f"{name:<26}{rate:>8}  {ratio:>7}  {rss:>8}")
        print(f"{'emulator (whole run)':<26}{'':>8}  {'':>7}  {emulator_rss / 1024:8.1f}")
        gib = size / 2**30
        up_floor = curl_up[2] + md5[2]
        print(f"\nclient CPU per GiB (user + system, median of {args.runs}):")
        print(f"  upload    curl {curl_up[2] / gib:5.2f} s + md5sum {md5[2] / gib:5.2f} s = {up_floor / gib:5.2f} s;"
              f" fal-files-cli {cli_up[2] / gib:5.2f} s: x{cli_up[2] / up_floor:4.2f} (target <= 1.50)")
        print(f"  download  curl {curl_down[2] / gib:5.2f} s;"
              f" fal-files-cli {cli_down[2] / gib:5.2f} s: x{cli_down[2] / curl_down[2]:4.2f} (target <= 1.50)")
        print(f"\nlongest UI-thread stall, 4 parallel transfers: {parallel['max_stall_ms']:.0f} ms "
              f"({parallel['mib_per_s']:.0f} MiB/s together, peak {parallel['peak_rss_kb'] / 1024:.1f} MiB)")
        print(f"kill at 1/3 of the upload: {len(stored_before)}/{parts_total} parts stored; "
              f"{len(cut)} part(s) in flight cut ({wasted / 2**20:.1f} MiB sent again); "
              f"{len(resent)} stored part(s) re-sent")
        args.only = "multipart,listing"
        floors = os.path.join(work, "floors")
        os.makedirs(floors)
        emulator_floors(args, build, floors)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
