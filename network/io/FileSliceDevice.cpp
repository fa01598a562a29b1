#include "network/io/FileSliceDevice.h"

FileSliceDevice::FileSliceDevice(const QString &path, qint64 offset, qint64 length, QObject *parent)
    : QIODevice(parent), m_file(path), m_offset(offset), m_length(length)
{
}

bool FileSliceDevice::open(OpenMode mode)
{
    if (m_offset < 0 || m_length < 0) {
        setErrorString(QStringLiteral("invalid slice of %1").arg(m_file.fileName()));
        return false;
    }
    if ((mode & WriteOnly) || !m_file.open(QIODevice::ReadOnly)) {
        setErrorString(m_file.errorString());
        return false;
    }
    if (m_file.size() < m_offset + m_length) {
        setErrorString(QStringLiteral("the file is shorter than expected (it changed)"));
        m_file.close();
        return false;
    }
    if (!m_file.seek(m_offset)) {
        setErrorString(m_file.errorString());
        m_file.close();
        return false;
    }
    return QIODevice::open(mode | Unbuffered);
}

void FileSliceDevice::close()
{
    m_file.close();
    QIODevice::close();
}

bool FileSliceDevice::seek(qint64 pos)
{
    if (pos < 0 || pos > m_length || !m_file.seek(m_offset + pos))
        return false;
    return QIODevice::seek(pos);
}

qint64 FileSliceDevice::readData(char *data, qint64 maxSize)
{
    const qint64 left = m_length - pos();
    if (left <= 0)
        return 0; // the end: QIODevice turns a 0 at the end into -1 for readers that want it
    const qint64 n = m_file.read(data, qMin(maxSize, left));
    if (n < 0)
        setErrorString(m_file.errorString());
    return n;
}
