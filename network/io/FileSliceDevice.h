#pragma once

#include <QFile>
#include <QIODevice>

// A read-only window [offset, offset + length) of a file, as a device of its own: one multipart
// part streams from disk without being copied into memory.
class FileSliceDevice : public QIODevice
{
    Q_OBJECT
public:
    FileSliceDevice(const QString &path, qint64 offset, qint64 length, QObject *parent = nullptr);

    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_length; }
    bool seek(qint64 pos) override;
    bool atEnd() const override { return pos() >= m_length; }
    QString fileErrorString() const { return m_file.errorString(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QFile m_file;
    qint64 m_offset;
    qint64 m_length;
};
