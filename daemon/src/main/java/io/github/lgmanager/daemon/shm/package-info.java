// SPDX-License-Identifier: Apache-2.0
/**
 * Granting desktop users read/write on the shared memory QEMU creates for Looking Glass ({@code /dev/shm/NAME},
 * or a kvmfr device {@code /dev/kvmfrN}), safely.
 *
 * <p>Why it is shaped this way: {@code /dev/shm} is world-writable, so any local user can create a name there
 * before QEMU does — a symlink to a file of theirs or of root's, a hard link, a FIFO, or a file they own and
 * read along. The daemon runs as root, so whatever it does through a path there could be turned against
 * another file. {@link io.github.lgmanager.daemon.shm.SharedMemoryGuard} therefore resolves the path exactly
 * once, with {@code O_NOFOLLOW}, checks what it opened (type, owner, link count, size) and sets the ACL on that
 * same file descriptor by writing the {@code system.posix_acl_access} xattr; nothing is written unless every
 * check passes. The ACL arithmetic ({@link io.github.lgmanager.linux.PosixAcl},
 * {@link io.github.lgmanager.linux.PosixAclXattr}) and the checks
 * ({@link io.github.lgmanager.daemon.shm.Expectation}) are pure and unit-tested; the only native code is the
 * thin libc adapter {@link io.github.lgmanager.linux.LinuxFiles}, which exposes Java types only.
 */
package io.github.lgmanager.daemon.shm;
