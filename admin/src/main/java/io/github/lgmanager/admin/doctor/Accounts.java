// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local users and groups, from /etc/passwd, /etc/group and /etc/login.defs. Accounts that come only from NSS
 * (LDAP, systemd-homed) are not here; the checks say "could not be listed" rather than guess about them. Used to
 * name a group's members and to tell system accounts (which udev's OWNER= and GROUP= accept) from people's.
 *
 * @param sysUidMax the highest system uid (login.defs SYS_UID_MAX, else UID_MIN - 1, else 999)
 * @param sysGidMax the highest system gid, likewise
 */
public record Accounts(List<User> users, List<Group> groups, int sysUidMax, int sysGidMax) {

    public record User(String name, int uid, int gid) {
    }

    public record Group(String name, int gid, List<String> members) {
        public Group {
            members = List.copyOf(members);
        }
    }

    public Accounts {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
    }

    public static Accounts none() {
        return new Accounts(List.of(), List.of(), 999, 999);
    }

    public static Accounts parse(String passwd, String group, String loginDefs) {
        List<User> users = new ArrayList<>();
        for (String line : passwd.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 4 && !f[0].isEmpty() && !f[0].startsWith("+") && !f[0].startsWith("-")) {
                id(f[2]).ifPresent(uid -> id(f[3]).ifPresent(gid -> users.add(new User(f[0], uid, gid))));
            }
        }
        List<Group> groups = new ArrayList<>();
        for (String line : group.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && !f[0].isEmpty() && !f[0].startsWith("+") && !f[0].startsWith("-")) {
                List<String> members = f.length > 3 && !f[3].isBlank() ? List.of(f[3].strip().split(",")) : List.of();
                id(f[2]).ifPresent(gid -> groups.add(new Group(f[0], gid, members)));
            }
        }
        int sysUid = setting(loginDefs, "SYS_UID_MAX").orElse(setting(loginDefs, "UID_MIN").orElse(1000) - 1);
        int sysGid = setting(loginDefs, "SYS_GID_MAX").orElse(setting(loginDefs, "GID_MIN").orElse(1000) - 1);
        return new Accounts(users, groups, sysUid, sysGid);
    }

    public Optional<User> user(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    public Optional<Group> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** A gid's name, or "gid N" when no local group has it. */
    public String groupName(int gid) {
        return groups.stream().filter(g -> g.gid() == gid).map(Group::name).findFirst()
                .orElse("gid " + Integer.toUnsignedString(gid));
    }

    /** Users whose primary group it is, then its listed members; empty when the group is not a local one. */
    public Optional<List<String>> members(String groupName) {
        Optional<Group> g = group(groupName);
        if (g.isEmpty()) {
            return Optional.empty();
        }
        Set<String> members = new LinkedHashSet<>();
        users.stream().filter(u -> u.gid() == g.get().gid()).forEach(u -> members.add(u.name()));
        members.addAll(g.get().members());
        return Optional.of(List.copyOf(members));
    }

    /** True for a system user (uid up to SYS_UID_MAX), by name or number; empty when no local user has the name. */
    public Optional<Boolean> isSystemUser(String nameOrUid) {
        OptionalInt number = id(nameOrUid);
        if (number.isPresent()) {
            return Optional.of(Integer.compareUnsigned(number.getAsInt(), sysUidMax) <= 0);
        }
        return user(nameOrUid).map(u -> Integer.compareUnsigned(u.uid(), sysUidMax) <= 0);
    }

    /** True for a system group (gid up to SYS_GID_MAX), by name or number; empty when no local group has the name. */
    public Optional<Boolean> isSystemGroup(String nameOrGid) {
        OptionalInt number = id(nameOrGid);
        if (number.isPresent()) {
            return Optional.of(Integer.compareUnsigned(number.getAsInt(), sysGidMax) <= 0);
        }
        return group(nameOrGid).map(g -> Integer.compareUnsigned(g.gid(), sysGidMax) <= 0);
    }

    private static OptionalInt id(String text) {
        if (!text.matches("\\d{1,10}")) {
            return OptionalInt.empty();
        }
        long value = Long.parseLong(text);
        return value <= 0xFFFFFFFFL ? OptionalInt.of((int) value) : OptionalInt.empty();
    }

    private static Optional<Integer> setting(String loginDefs, String key) {
        Matcher m = Pattern.compile("(?m)^\\s*" + key + "\\s+(\\d+)\\s*$").matcher(loginDefs);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
