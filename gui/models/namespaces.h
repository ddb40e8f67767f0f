// nsenter-lite/1 (schemas/nsenter-lite.v1.json): `nsenter-lite ls --json` namespaces, and what the explorer
// derives from them — processes grouped by namespace per kind, containers, the user-namespace ownership tree.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include "models/layers.h"

namespace virtlab::explorer {

inline constexpr int kNsenterLiteMajor = 1;

struct NamespaceEntry {
  qint64 inode = 0;  // nsfs inode: the number in net:[4026531840]
  QString type;      // mnt net pid uts ipc user cgroup time
  QString path;      // /proc/PID/ns/TYPE, /proc/PID/fd/N or a bind mount
  int nprocs = 0;    // member processes (0: held only by an fd or bind mount)
  qint64 pid = 0;    // lowest member pid (or the holder)
  QString command;   // of pid
  qint64 uid = 0;
  QString user;
  qint64 ownerUid = -1;  // NS_GET_OWNER_UID of the owning user namespace (-1: unknown)
  qint64 parent = 0;     // NS_GET_PARENT (pid, user), 0 = none
  qint64 owner = 0;      // NS_GET_USERNS: owning user namespace, 0 = unknown
  QString heldBy;        // process / fd / bind-mount
  QList<qint64> pids;    // member pids
  QString cgroup;        // pid's cgroup path (memory hierarchy on v1/hybrid, 0:: on v2); empty = not given
};

// A Docker/Podman/containerd container as nsenter-lite names it (its "containers" list), keyed by its pid 1.
struct EngineContainer {
  QString label;             // "docker web", "podman db"
  QStringList runtimeChain;  // "dockerd 812", "containerd 790", "containerd-shim-runc-v2 31508", "sleep 31528"
};

struct NamespaceListing {
  QString hostname;
  QMap<qint64, EngineContainer> engineContainers;
  QList<NamespaceEntry> namespaces;
  int unreadableProcesses = 0;  // processes whose /proc/PID/ns we could not read (not root)
  // The namespaces of PID 1 per kind: "the host's" — anything else is a sandbox or container.
  QMap<QString, qint64> hostNamespaces;
};

// A set of processes that share the same non-host namespaces.
struct NamespaceGroup {
  QMap<QString, qint64> own;  // kind → inode, only kinds that differ from the host's
  QList<qint64> pids;
  QString command;           // command of the lowest pid
  QString cgroup;            // cgroup of the lowest pid (empty = unknown)
  bool isContainer = false;  // own pid namespace, or at least three own kinds: what runc/docker create
};

bool parseNamespaceListing(const QJsonObject& doc, NamespaceListing* out, QString* error);
// Groups every process by the namespaces it does not share with PID 1, largest first.
QList<NamespaceGroup> groupByNamespaces(const NamespaceListing& listing);
// The containers among those groups, as the layers view shows them.
QList<ContainerInfo> containersFrom(const NamespaceListing& listing);

}  // namespace virtlab::explorer
