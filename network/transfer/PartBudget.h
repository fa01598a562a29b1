#pragma once

#include <QObject>

// A pool of "part in flight" slots shared by every multipart upload of an engine, so the limit on
// parts in flight holds across files, and after pause/resume and restarts.
class PartBudget : public QObject
{
    Q_OBJECT
public:
    explicit PartBudget(int limit, QObject *parent = nullptr);

    bool tryAcquire();
    void release();
    int limit() const { return m_limit; }
    void setLimit(int limit);
    int inUse() const { return m_inUse; }

Q_SIGNALS:
    void available(); // a slot was freed or the limit was raised

private:
    int m_limit;
    int m_inUse = 0;
};
