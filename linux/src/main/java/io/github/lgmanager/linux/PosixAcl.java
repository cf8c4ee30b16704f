// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.linux;

import io.github.lgmanager.linux.AclEntry.Tag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A POSIX access ACL as the kernel accepts it: entries sorted by tag then id, one USER_OBJ, GROUP_OBJ and
 * OTHER, at most one MASK, and a MASK whenever a named entry exists. Immutable; every change returns a new
 * ACL that is valid again, so nothing invalid can ever reach {@code fsetxattr}.
 */
public final class PosixAcl {
    private final List<AclEntry> entries;

    private PosixAcl(List<AclEntry> sortedValidEntries) {
        this.entries = List.copyOf(sortedValidEntries);
    }

    /** Entries in any order; throws IllegalArgumentException naming the rule an invalid set breaks. */
    public static PosixAcl of(Collection<AclEntry> entries) {
        List<AclEntry> sorted = new ArrayList<>(entries);
        sorted.sort(AclEntry.ORDER);
        problemWith(sorted).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new PosixAcl(sorted);
    }

    /** What the kernel enforces for a file without an ACL xattr: the owner, group and other bits of its mode. */
    public static PosixAcl fromMode(int mode) {
        return new PosixAcl(List.of(
                AclEntry.userObj((mode >> 6) & 7),
                AclEntry.groupObj((mode >> 3) & 7),
                AclEntry.other(mode & 7)));
    }

    /**
     * The rule that entries, in the order given, break; empty when they form a valid access ACL. Shared by
     * {@link #of} and the xattr decoder, which must not sort what it reads: unsorted bytes are malformed.
     */
    static Optional<String> problemWith(List<AclEntry> inOrder) {
        for (int i = 1; i < inOrder.size(); i++) {
            AclEntry previous = inOrder.get(i - 1);
            AclEntry current = inOrder.get(i);
            int order = AclEntry.ORDER.compare(previous, current);
            if (order == 0) {
                return Optional.of("duplicate entry " + current.tag() + " " + qualifierText(current));
            }
            if (order > 0) {
                return Optional.of("entries not sorted by tag then id: " + previous + " comes before " + current);
            }
        }
        for (Tag required : List.of(Tag.USER_OBJ, Tag.GROUP_OBJ, Tag.OTHER)) {
            if (inOrder.stream().noneMatch(e -> e.tag() == required)) {
                return Optional.of("no " + required + " entry (every access ACL has one)");
            }
        }
        boolean named = inOrder.stream().anyMatch(e -> e.tag().isNamed());
        boolean mask = inOrder.stream().anyMatch(e -> e.tag() == Tag.MASK);
        if (named && !mask) {
            return Optional.of("named user or group entries without a MASK entry");
        }
        return Optional.empty();
    }

    private static String qualifierText(AclEntry entry) {
        return entry.tag().isNamed() ? "id " + Integer.toUnsignedString(entry.qualifier()) : "(no id)";
    }

    public List<AclEntry> entries() {
        return entries;
    }

    /** The uids that have a USER entry, in the ACL's order. */
    public List<Integer> namedUsers() {
        return entries.stream().filter(e -> e.tag() == Tag.USER).map(AclEntry::qualifier).toList();
    }

    public Optional<AclEntry> entry(Tag tag, int qualifier) {
        return entries.stream().filter(e -> e.tag() == tag && e.qualifier() == qualifier).findFirst();
    }

    /**
     * True when a USER entry for {@code uid} grants read and write once the MASK is applied — what a process
     * of that user gets, unless it owns the file (then USER_OBJ applies).
     */
    public boolean grantsReadWriteToNamedUser(int uid) {
        int effective = entry(Tag.USER, uid).map(AclEntry::permissions).orElse(0)
                & entry(Tag.MASK, AclEntry.NO_QUALIFIER).map(AclEntry::permissions).orElse(7);
        return (effective & AclEntry.READ_WRITE) == AclEntry.READ_WRITE;
    }

    /**
     * The whole ACL of a Looking Glass file: read/write for its owner (QEMU's user) and for exactly these uids,
     * nothing for the owning group, nobody else by name, nothing for others. Written as a whole on every grant,
     * so a user taken off the list loses access and a file QEMU created 0644 stops being readable by all.
     */
    public static PosixAcl exactFileAcl(Collection<Integer> uids) {
        return exact(AclEntry.READ_WRITE, uids, AclEntry.READ_WRITE);
    }

    /** The owner's rights, {@code userRights} for exactly these uids, nothing for the group and others. */
    public static PosixAcl exact(int ownerRights, Collection<Integer> uids, int userRights) {
        List<AclEntry> result = new ArrayList<>();
        result.add(AclEntry.userObj(ownerRights));
        new TreeSet<>(uids).forEach(uid -> result.add(AclEntry.user(uid, userRights)));
        result.add(AclEntry.groupObj(0));
        result.add(AclEntry.other(0));
        return uids.isEmpty() ? PosixAcl.of(result) : withRecomputedMask(result);
    }

    /**
     * The same exactness for a kvmfr device: named users are exactly these uids and others get nothing, while
     * the owner and owning group keep what udev gave them (QEMU opens the device through that group).
     */
    public PosixAcl withExactlyTheseUsers(Collection<Integer> uids) {
        List<AclEntry> result = new ArrayList<>();
        int groupRights = effectiveGroupObj();
        for (AclEntry entry : entries) {
            switch (entry.tag()) {
                case USER_OBJ -> result.add(entry);
                case GROUP_OBJ -> result.add(entry.withPermissions(groupRights));
                case OTHER -> result.add(entry.withPermissions(0));
                default -> { } // named entries and the mask are rebuilt below
            }
        }
        new TreeSet<>(uids).forEach(uid -> result.add(AclEntry.user(uid, AclEntry.READ_WRITE)));
        return uids.isEmpty() ? PosixAcl.of(result) : withRecomputedMask(result);
    }

    /** What the owning group really gets: its entry as limited by the MASK, if there is one. */
    private int effectiveGroupObj() {
        int group = entries.stream().filter(e -> e.tag() == Tag.GROUP_OBJ).mapToInt(AclEntry::permissions)
                .findFirst().orElse(0);
        return group & entry(Tag.MASK, AclEntry.NO_QUALIFIER).map(AclEntry::permissions).orElse(7);
    }

    /** True when neither the owning group (through the mask) nor others may read or write. */
    public boolean closedToGroupAndOthers() {
        int other = entries.stream().filter(e -> e.tag() == Tag.OTHER).mapToInt(AclEntry::permissions)
                .findFirst().orElse(0);
        return (effectiveGroupObj() & AclEntry.READ_WRITE) == 0 && (other & AclEntry.READ_WRITE) == 0;
    }

    private static PosixAcl withRecomputedMask(List<AclEntry> entries) {
        int union = entries.stream()
                .filter(e -> e.tag().isNamed() || e.tag() == Tag.GROUP_OBJ)
                .mapToInt(AclEntry::permissions)
                .reduce(0, (a, b) -> a | b);
        List<AclEntry> result = new ArrayList<>(entries.stream().filter(e -> e.tag() != Tag.MASK).toList());
        result.add(AclEntry.mask(union));
        return PosixAcl.of(result);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PosixAcl acl && acl.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** One line for logs, getfacl's entry syntax with numeric ids: {@code user::rw-,user:1001:rw-,...}. */
    @Override
    public String toString() {
        return entries.stream().map(AclEntry::toString).collect(Collectors.joining(","));
    }
}
