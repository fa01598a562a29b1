#include "network/transfer/TransferItem.h"

#include <QFileInfo>

namespace {

template<typename Enum, size_t N>
std::optional<Enum> fromName(const QString &name, const std::pair<Enum, const char *> (&table)[N])
{
    for (const auto &[value, text] : table) {
        if (name == QLatin1String(text))
            return value;
    }
    return std::nullopt;
}

template<typename Enum, size_t N>
QString toName(Enum value, const std::pair<Enum, const char *> (&table)[N])
{
    for (const auto &[candidate, text] : table) {
        if (candidate == value)
            return QString::fromLatin1(text);
    }
    return {};
}

using State = TransferItem::State;
using Direction = TransferItem::Direction;

const std::pair<State, const char *> kStates[] = {
    {State::Queued, "queued"},       {State::Running, "running"},
    {State::Paused, "paused"},       {State::NeedsAttention, "needs-attention"},
    {State::Failed, "failed"},       {State::Done, "done"},
    {State::Cancelled, "cancelled"}, {State::Skipped, "skipped"},
};
const std::pair<Direction, const char *> kDirections[] = {
    {Direction::Upload, "upload"},
    {Direction::Download, "download"},
    {Direction::Import, "import"},
};
const std::pair<ConflictPolicy, const char *> kPolicies[] = {
    {ConflictPolicy::Ask, "ask"},
    {ConflictPolicy::Overwrite, "overwrite"},
    {ConflictPolicy::Skip, "skip"},
    {ConflictPolicy::KeepBoth, "keep-both"},
};

} // namespace

QString TransferItem::name() const
{
    if (direction == Direction::Download)
        return QFileInfo(localPath).fileName();
    return remotePath.name();
}

QString TransferItem::stateName(State state)
{
    return toName(state, kStates);
}
std::optional<TransferItem::State> TransferItem::stateFromName(const QString &name)
{
    return fromName(name, kStates);
}
QString TransferItem::directionName(Direction direction)
{
    return toName(direction, kDirections);
}
std::optional<TransferItem::Direction> TransferItem::directionFromName(const QString &name)
{
    return fromName(name, kDirections);
}
QString TransferItem::conflictPolicyName(ConflictPolicy policy)
{
    return toName(policy, kPolicies);
}
std::optional<ConflictPolicy> TransferItem::conflictPolicyFromName(const QString &name)
{
    return fromName(name, kPolicies);
}

qint64 TransferItem::secondsUntilRetry() const
{
    if ((state != State::Queued && state != State::Running) || retryAtMs <= 0)
        return -1;
    const qint64 left = retryAtMs - QDateTime::currentMSecsSinceEpoch();
    return left <= 0 ? 0 : (left + 999) / 1000;
}
