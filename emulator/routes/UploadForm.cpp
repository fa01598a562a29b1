#include "emulator/routes/UploadForm.h"

#include "emulator/routes/Exchange.h"

#include <QJsonArray>

namespace fal::emulator {

UploadForm::Result UploadForm::read()
{
    const QJsonArray fileLoc {QStringLiteral("body"), QStringLiteral("file_upload")};
    std::string boundary;
    if (!MultipartFormParser::boundaryFromContentType(m_ex.body.contentType(), &boundary)) {
        if (m_ex.body.drain() == BodyReader::Status::Dropped)
            return Result::Dropped;
        HttpResponder::missingField(m_ex.res, fileLoc);
        return Result::Answered;
    }

    MultipartFormParser parser(boundary);
    bool inFile = false;
    bool fileDone = false;
    bool fileWithoutName = false;
    bool aborted = false;
    parser.onPartBegin = [&](const MultipartFormParser::PartHeader &header) {
        if (header.name != QLatin1String("file_upload") || fileDone || inFile)
            return true;
        if (!header.hasFilename) {
            fileWithoutName = true;
            return true;
        }
        inFile = true;
        if (onFileBegin && !onFileBegin(header))
            aborted = true;
        return true;
    };
    parser.onPartData = [&](const char *data, size_t length) {
        if (inFile && !aborted && onFileData && !onFileData(data, length))
            aborted = true;
        return true;
    };
    parser.onPartEnd = [&] {
        if (inFile) {
            inFile = false;
            fileDone = true;
        }
        return true;
    };

    bool parseFailed = false;
    const BodyReader::Status status = m_ex.body.stream([&](const char *data, size_t length) {
        if (!parseFailed && !parser.feed(data, length))
            parseFailed = true; // keep reading: the answer must not be followed by body bytes
        return true;
    });
    if (status == BodyReader::Status::Dropped)
        return Result::Dropped;
    if (status != BodyReader::Status::Ok) {
        HttpResponder::detail(m_ex.res, 400, QStringLiteral("The upload body could not be read"));
        return Result::Answered;
    }
    if (parseFailed || !parser.isComplete()) {
        const QString why = parser.error().isEmpty()
            ? QStringLiteral("body ends before its closing boundary")
            : parser.error();
        HttpResponder::detail(m_ex.res, 400,
                              QStringLiteral("Malformed multipart body: %1").arg(why));
        return Result::Answered;
    }
    if (aborted)
        return Result::Aborted;
    if (!fileDone) {
        if (fileWithoutName)
            HttpResponder::validation(
                m_ex.res, fileLoc, QStringLiteral("Expected UploadFile, received: <class 'str'>"),
                QStringLiteral("value_error"));
        else
            HttpResponder::missingField(m_ex.res, fileLoc);
        return Result::Answered;
    }
    return Result::Ok;
}

} // namespace fal::emulator
