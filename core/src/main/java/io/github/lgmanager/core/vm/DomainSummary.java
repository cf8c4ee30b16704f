// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

/** What listing a domain tells: its identity and whether it runs. */
public record DomainSummary(String uuid, String name, boolean running) {
}
