#include "network/io/TransferWorkers.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>

namespace {
Q_GLOBAL_STATIC(QThreadPool, transferWorkers)
}

QThreadPool *TransferWorkers::pool()
{
    static const bool configured = [] {
        transferWorkers->setObjectName(QStringLiteral("TransferWorkers"));
        transferWorkers->setMaxThreadCount(qMax(2, QThread::idealThreadCount()));
        // Like Qt's global pool: work still running when the application object goes is waited
        // for there, before static destructors run under it.
        qAddPostRoutine([] {
            if (transferWorkers.exists())
                transferWorkers->waitForDone();
        });
        return true;
    }();
    Q_UNUSED(configured)
    return transferWorkers;
}
