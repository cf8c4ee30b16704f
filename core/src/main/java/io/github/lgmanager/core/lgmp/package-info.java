// SPDX-License-Identifier: Apache-2.0
/**
 * The Looking Glass memory protocol (LGMP 6) and the KVMFR frame format (version 20) as the B7 client reads
 * them, written from their published layout: a host that runs over any {@link java.nio.ByteBuffer} (the mapped
 * shared-memory file in use, a direct buffer in tests). JDK only.
 *
 * <p>Why our own code and not the C library: the JVM cannot call LGMP without native glue we would have to
 * build and ship for every platform, and the protocol is small (a header, five queues, a bump allocator). The
 * offsets were taken from gcc 12 on x86-64 compiling the B7 headers; {@code LgmpLayoutTest} and
 * {@code KvmfrLayoutTest} hold those numbers as the specification.
 */
package io.github.lgmanager.core.lgmp;
