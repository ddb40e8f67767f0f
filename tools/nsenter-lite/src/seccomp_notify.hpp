// The supervisor's side of SCMP_ACT_NOTIFY (--seccomp-watch): the child hands over the filter's notify fd; each
// blocked syscall arrives there, is reported and answered EPERM [crun: libcrun_seccomp_notify_plugins].
#pragma once

#include "virtlab/json.hpp"

namespace virtlab::nsenter_lite {

enum class NotifyOutcome {
  answered,     // one syscall reported and answered EPERM
  filter_gone,  // receive failed: the filter is gone (the container exited); stop polling the fd
  no_memory,    // libseccomp could not allocate its buffers; the notification stays pending
};

// Receives one notification from notify_fd, prints it on stderr, appends it to events ({"pid", "syscall", "nr",
// "args", "action"}) and answers it with EPERM.
NotifyOutcome answer_seccomp_notification(int notify_fd, virtlab::Json& events);

}  // namespace virtlab::nsenter_lite
