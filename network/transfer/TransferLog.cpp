#include "network/transfer/TransferLog.h"

Q_LOGGING_CATEGORY(lcTransfers, "fal.transfers", QtInfoMsg)
