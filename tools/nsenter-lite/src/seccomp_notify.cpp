// Answering the container's seccomp notifications (seccomp_notify.hpp).
#include "seccomp_notify.hpp"

#include <seccomp.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <string>

#include "nsenter_lite/security.hpp"

namespace virtlab::nsenter_lite {

namespace {

void report_blocked_call(const seccomp_notif& req, virtlab::Json& events) {
  std::string name = syscall_name(req.data.nr);
  char args_text[160];
  snprintf(args_text, sizeof args_text, "0x%llx, 0x%llx, 0x%llx", static_cast<unsigned long long>(req.data.args[0]),
           static_cast<unsigned long long>(req.data.args[1]), static_cast<unsigned long long>(req.data.args[2]));
  std::cerr << "nsenter-lite: seccomp: pid " << req.pid << " called " << name << "(" << args_text
            << ") → blocked, returns EPERM\n";
  events.push_back({{"pid", req.pid},
                    {"syscall", name},
                    {"nr", req.data.nr},
                    {"args", {req.data.args[0], req.data.args[1], req.data.args[2]}},
                    {"action", "EPERM"}});
}

}  // namespace

NotifyOutcome answer_seccomp_notification(int notify_fd, virtlab::Json& events) {
  seccomp_notif* req = nullptr;
  seccomp_notif_resp* resp = nullptr;
  if (seccomp_notify_alloc(&req, &resp) != 0) return NotifyOutcome::no_memory;
  NotifyOutcome outcome = NotifyOutcome::filter_gone;
  if (seccomp_notify_receive(notify_fd, req) == 0) {
    report_blocked_call(*req, events);
    resp->id = req->id;
    resp->error = -EPERM;
    resp->val = 0;
    resp->flags = 0;
    (void)seccomp_notify_respond(notify_fd, resp);
    outcome = NotifyOutcome::answered;
  }
  seccomp_notify_free(req, resp);
  return outcome;
}

}  // namespace virtlab::nsenter_lite
