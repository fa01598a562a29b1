#pragma once

#include "tests/support/FakeRequest.h"
#include "tests/support/FakeResponse.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

// The reply FakeNetworkAccessManager gives for every request. Nothing happens inside the call
// that made the request: like Qt's own replies, it reports on the event loop (uploadProgress,
// metaDataChanged, readyRead per chunk of the body, finished), so the code under test meets the
// same order of events as with a socket. It keeps the request's transfer timeout (an answer that
// hangs ends with OperationCanceledError, as Qt's does) and finishes at once on abort().
class FakeReply : public QNetworkReply
{
    Q_OBJECT
public:
    static constexpr qint64 kChunkBytes = 64 * 1024; // body bytes handed over per event-loop turn

    FakeReply(const FakeRequest &request, QNetworkAccessManager::Operation operation,
              QObject *parent = nullptr);

    const FakeRequest &fakeRequest() const { return m_request; }
    // Starts answering with `response` from the next event-loop turn (a held response waits
    // for the manager's release()).
    void answer(const FakeResponse &response);
    bool isHeld() const { return m_response.held && !m_started; }
    void release();

    void abort() override;
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    void start();
    void sendHead();
    void sendNextChunk();
    void finishWith(NetworkError error, const QString &why);
    void noteActivity();

    FakeRequest m_request;
    FakeResponse m_response;
    QByteArray m_buffer; // delivered and not read yet
    qint64 m_delivered = 0; // body bytes handed over so far
    QTimer m_transferTimer;
    bool m_started = false;
    bool m_done = false;
};
