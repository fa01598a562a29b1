#pragma once

#include "emulator/routes/MultipartFormParser.h"

#include <functional>

namespace fal::emulator {

struct Exchange;

// Reads a multipart/form-data upload body and hands the part named "file_upload" (which must
// carry a filename, as FastAPI's UploadFile requires) to the callbacks while it streams in.
// Other parts are skipped. A callback returning false means "ignore the rest of the file": the
// body is still read to its end so the connection stays usable, and read() says Aborted.
class UploadForm
{
public:
    enum class Result {
        Ok, // the file part arrived whole
        Answered, // an error answer (400/422) was written
        Dropped, // the drop fault fired; nothing can be answered
        Aborted, // a callback gave up; the caller answers
    };

    explicit UploadForm(Exchange &ex) : m_ex(ex) { }

    std::function<bool(const MultipartFormParser::PartHeader &)> onFileBegin;
    std::function<bool(const char *, size_t)> onFileData;

    Result read();

private:
    Exchange &m_ex;
};

} // namespace fal::emulator
