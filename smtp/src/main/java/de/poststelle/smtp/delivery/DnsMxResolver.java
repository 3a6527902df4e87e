package de.poststelle.smtp.delivery;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** {@link MxResolver} on dnsjava, asking the system's name servers or one configured server. */
public final class DnsMxResolver implements MxResolver {

    private final Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);

    /** Uses the name servers the operating system is configured with. */
    public DnsMxResolver() {
        this(Lookup.getDefaultResolver());
    }

    /** Asks only {@code server}, e.g. a validating resolver next to the gateway. */
    public DnsMxResolver(InetSocketAddress server, Duration timeout) {
        this(simpleResolver(server, timeout));
    }

    private DnsMxResolver(Resolver resolver) {
        this.resolver = resolver;
    }

    private static Resolver simpleResolver(InetSocketAddress server, Duration timeout) {
        SimpleResolver simple = new SimpleResolver(server);
        simple.setTimeout(timeout);
        return simple;
    }

    @Override
    public MxLookup lookup(String domain) {
        try {
            return lookupValidName(domain);
        } catch (TextParseException e) {
            return new MxLookup.NoSuchDomain();
        }
    }

    private MxLookup lookupValidName(String domain) throws TextParseException {
        Lookup mx = query(domain, Type.MX);
        return switch (mx.getResult()) {
            case Lookup.SUCCESSFUL -> exchangers(mx.getAnswers());
            case Lookup.TYPE_NOT_FOUND -> implicitMx(domain);
            case Lookup.HOST_NOT_FOUND -> new MxLookup.NoSuchDomain();
            default -> new MxLookup.TemporaryFailure("MX lookup for " + domain + ": " + mx.getErrorString());
        };
    }

    private static MxLookup exchangers(Record[] answers) {
        List<MXRecord> records = new ArrayList<>(Arrays.stream(answers)
                .filter(MXRecord.class::isInstance).map(MXRecord.class::cast).toList());
        if (records.stream().anyMatch(r -> r.getTarget().equals(Name.root))) {
            return new MxLookup.NullMx();
        }
        // Shuffle before the stable sort so hosts of equal preference share the load (RFC 5321 5.1).
        Collections.shuffle(records);
        records.sort(Comparator.comparingInt(MXRecord::getPriority));
        return new MxLookup.Hosts(records.stream().map(r -> r.getTarget().toString(true)).toList());
    }

    /** Without MX records the domain itself is the mail exchanger, if it has an address (RFC 5321 5.1). */
    private MxLookup implicitMx(String domain) throws TextParseException {
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Lookup address = query(domain, type);
            switch (address.getResult()) {
                case Lookup.SUCCESSFUL -> {
                    return new MxLookup.Hosts(List.of(domain));
                }
                case Lookup.TYPE_NOT_FOUND, Lookup.HOST_NOT_FOUND -> { }
                default -> {
                    return new MxLookup.TemporaryFailure(
                            Type.string(type) + " lookup for " + domain + ": " + address.getErrorString());
                }
            }
        }
        return new MxLookup.NoSuchDomain();
    }

    private Lookup query(String domain, int type) throws TextParseException {
        Lookup lookup = new Lookup(Name.fromString(domain, Name.root), type);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        lookup.run();
        return lookup;
    }
}
