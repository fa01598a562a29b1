#pragma once

class QThreadPool;

// The QtConcurrent pool for the transfer engine's disk work (reading parts, hashing, scanning
// folders, packing), apart from the global pool the UI's folder listings use. Its threads are
// created by the thread that queues the work: the engine's thread in the app, whose lowered
// priority they inherit (see TransferEngineHost), so a drop of a large folder never delays the
// parse of the folder a person just opened.
class TransferWorkers
{
public:
    static QThreadPool *pool();
};
