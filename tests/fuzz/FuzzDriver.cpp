// A small deterministic mutation driver for LLVMFuzzerTestOneInput targets, for builds without
// libFuzzer (gcc, the CI path). No coverage feedback: it runs the corpus, then N mutants of it
// (bit flips, byte sets, inserts, deletes, copies, splices, numbers, little-endian fields) from
// a seeded PRNG, so a run is repeatable from its seed. On a crash, an abort or a hang it prints
// the seed, the input number and a hex dump, saves the input as crash-<target>-<seed>-<n> and
// dies by the same signal.
//
//   fuzz_x [--runs N | --seconds S] [--seed S] [--max-len L] [--timeout S] CORPUS_DIR...
//   fuzz_x FILE...                          runs each file once (reproduces a saved crash)

#include "tests/fuzz/FuzzMutator.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern "C" void __sanitizer_set_death_callback(void (*callback)()) __attribute__((weak));

namespace {

// What the crash handler reports; set before every input, read from a signal handler.
struct Current
{
    const uint8_t *data = nullptr;
    size_t size = 0;
    unsigned long long seed = 0;
    unsigned long long index = 0;
    char target[128] = "fuzz";
    char crashPrefix[192] = "crash-"; // "crash-<target>-<seed>-", made before any input runs
};
Current g_current;
volatile sig_atomic_t g_reporting = 0;

void put(const char *text)
{
    (void)!::write(2, text, std::strlen(text));
}

void putNumber(unsigned long long n, char *out)
{
    char digits[24];
    int count = 0;
    do {
        digits[count++] = char('0' + n % 10);
        n /= 10;
    } while (n);
    for (int i = 0; i < count; ++i)
        out[i] = digits[count - 1 - i];
    out[count] = '\0';
}

// Async-signal-safe: only write(), open(), close().
void report(const char *what)
{
    if (g_reporting)
        return;
    g_reporting = 1;
    char seed[24], index[24], size[24];
    putNumber(g_current.seed, seed);
    putNumber(g_current.index, index);
    putNumber(g_current.size, size);
    char name[sizeof g_current.crashPrefix + 24];
    std::strcpy(name, g_current.crashPrefix);
    std::strcat(name, index);
    put("\n==fuzz driver== ");
    put(what);
    put(" on input #");
    put(index);
    put(" (seed ");
    put(seed);
    put(", ");
    put(size);
    put(" bytes), saved as ");
    put(name);
    put("\n==fuzz driver== input (hex, at most 4096 bytes):\n");
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < g_current.size && i < 4096; ++i) {
        const char pair[3] = {hex[g_current.data[i] >> 4], hex[g_current.data[i] & 15],
                              (i % 32 == 31) ? '\n' : ' '};
        (void)!::write(2, pair, 3);
    }
    put("\n");
    const int fd = ::open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) {
        (void)!::write(fd, g_current.data, g_current.size);
        ::close(fd);
    }
}

const char *signalName(int sig)
{
    switch (sig) {
    case SIGSEGV:
        return "SIGSEGV";
    case SIGBUS:
        return "SIGBUS";
    case SIGILL:
        return "SIGILL";
    case SIGFPE:
        return "SIGFPE";
    case SIGABRT:
        return "SIGABRT (abort, failed check or assertion)";
    default:
        return "hang (timeout)";
    }
}

void onSignal(int sig)
{
    report(signalName(sig));
    ::signal(sig == SIGALRM ? SIGABRT : sig, SIG_DFL);
    ::raise(sig == SIGALRM ? SIGABRT : sig);
}

void onSanitizerDeath()
{
    report("sanitizer error");
}

void installHandlers()
{
    static std::vector<char> altStack(1 << 16); // a stack overflow still gets reported
    stack_t ss {};
    ss.ss_sp = altStack.data();
    ss.ss_size = altStack.size();
    ::sigaltstack(&ss, nullptr);
    struct sigaction sa
    {
    };
    sa.sa_handler = onSignal;
    sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
    ::sigaction(SIGABRT, &sa, nullptr);
    ::sigaction(SIGALRM, &sa, nullptr);
    if (__sanitizer_set_death_callback) { // sanitizers report faults better; then the input
        __sanitizer_set_death_callback(onSanitizerDeath);
        return;
    }
    for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE})
        ::sigaction(sig, &sa, nullptr);
}

bool readFile(const std::string &path, Bytes *out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return true;
}

void addPath(const std::string &path, std::vector<Bytes> *corpus)
{
    struct stat st
    {
    };
    if (::stat(path.c_str(), &st) != 0) {
        std::fprintf(stderr, "fuzz driver: %s: not found\n", path.c_str());
        std::exit(2);
    }
    if (!S_ISDIR(st.st_mode)) {
        Bytes b;
        if (readFile(path, &b))
            corpus->push_back(std::move(b));
        return;
    }
    std::vector<std::string> names; // sorted: the same corpus order everywhere
    if (DIR *dir = ::opendir(path.c_str())) {
        while (dirent *e = ::readdir(dir)) {
            if (e->d_name[0] != '.')
                names.emplace_back(e->d_name);
        }
        ::closedir(dir);
    }
    std::sort(names.begin(), names.end());
    for (const std::string &name : names)
        addPath(path + "/" + name, corpus);
}

void runOne(const Bytes &input, unsigned long long index, unsigned timeout)
{
    g_current.data = input.data();
    g_current.size = input.size();
    g_current.index = index;
    ::alarm(timeout);
    LLVMFuzzerTestOneInput(input.data(), input.size());
    ::alarm(0);
}

} // namespace

int main(int argc, char **argv)
{
    unsigned long long runs = 1000, seed = 1;
    double seconds = 0;
    size_t maxLen = 0;
    unsigned timeout = 10;
    std::vector<std::string> paths;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&] {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "fuzz driver: %s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return std::string(argv[++i]);
        };
        if (arg == "--runs")
            runs = std::stoull(value());
        else if (arg == "--seconds")
            seconds = std::stod(value());
        else if (arg == "--seed")
            seed = std::stoull(value());
        else if (arg == "--max-len")
            maxLen = std::stoull(value());
        else if (arg == "--timeout")
            timeout = unsigned(std::stoul(value()));
        else
            paths.push_back(arg);
    }
    const char *base = std::strrchr(argv[0], '/');
    std::snprintf(g_current.target, sizeof g_current.target, "%s", base ? base + 1 : argv[0]);
    g_current.seed = seed;
    std::snprintf(g_current.crashPrefix, sizeof g_current.crashPrefix, "crash-%s-%llu-",
                  g_current.target, seed);
    installHandlers();

    std::vector<Bytes> corpus;
    bool onlyFiles = !paths.empty();
    for (const std::string &path : paths) {
        struct stat st
        {
        };
        onlyFiles = onlyFiles && ::stat(path.c_str(), &st) == 0 && !S_ISDIR(st.st_mode);
        addPath(path, &corpus);
    }
    if (onlyFiles) { // reproduce: each file once, no mutation
        for (size_t i = 0; i < corpus.size(); ++i)
            runOne(corpus[i], i, timeout);
        std::fprintf(stderr, "%s: no crash; corpus entries run: %zu\n", g_current.target,
                     corpus.size());
        return 0;
    }
    if (corpus.empty())
        corpus.push_back({});
    size_t largest = 0;
    for (const Bytes &b : corpus)
        largest = std::max(largest, b.size());
    if (!maxLen)
        maxLen = std::max<size_t>(4096, 2 * largest);

    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    unsigned long long index = 0;
    for (const Bytes &b : corpus)
        runOne(b, index++, timeout);
    FuzzMutator mutator(seed);
    std::vector<Bytes> pool = corpus; // the corpus plus some recent mutants, for depth
    const size_t kept = pool.size();
    for (unsigned long long n = 0; seconds > 0 ? elapsed() < seconds : n < runs; ++n) {
        Bytes input = pool[mutator.below(pool.size())];
        mutator.mutate(input, pool, maxLen);
        runOne(input, index++, timeout);
        if (mutator.below(8) == 0) {
            if (pool.size() < kept + 256)
                pool.push_back(std::move(input));
            else
                pool[kept + mutator.below(256)] = std::move(input);
        }
    }
    std::fprintf(stderr, "%s: %llu inputs (%zu in the corpus) in %.1f s, seed %llu, no crash\n",
                 g_current.target, index, corpus.size(), elapsed(), seed);
    return 0;
}
