// The client's listing parser (FileSpec::parseList, network/api/FileSpec.h): whatever a server
// answers, it is refused or gives entries with a usable path and name and a size >= 0.

#include "network/api/FileSpec.h"
#include "tests/fuzz/FuzzSupport.h"

#include <QByteArray>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzzQuietLogging();
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto list = FileSpec::parseList(json, &error);
    if (!list) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    for (const FileSpec &spec : *list) {
        FUZZ_CHECK(!spec.path.isRoot());
        FUZZ_CHECK(spec.name == spec.path.name());
        FUZZ_CHECK(RemotePath::isValidName(spec.name));
        FUZZ_CHECK(spec.size >= 0);
        const auto again = RemotePath::parse(spec.path.absolute());
        FUZZ_CHECK(again && *again == spec.path);
    }
    return 0;
}
