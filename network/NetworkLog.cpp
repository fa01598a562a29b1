#include "NetworkLog.h"

Q_LOGGING_CATEGORY(lcNetwork, "fal.network", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCredentials, "fal.credentials", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTransfers, "fal.transfers", QtInfoMsg)
