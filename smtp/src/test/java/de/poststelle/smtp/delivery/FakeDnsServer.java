package de.poststelle.smtp.delivery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** A DNS server on a loopback UDP port that answers from a few records, so tests need no Internet. */
final class FakeDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final List<Record> records = new ArrayList<>();
    private final Set<Name> failing = new HashSet<>();

    FakeDnsServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(this::serve);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void add(Record record) {
        records.add(record);
    }

    /** Queries for {@code name} get SERVFAIL, as when its authoritative servers are unreachable. */
    void fail(Name name) {
        failing.add(name);
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] answer = answer(new Message(packet.getData())).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    private Message answer(Message query) {
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        if (failing.contains(name)) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
        } else if (records.stream().noneMatch(r -> r.getName().equals(name))) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            records.stream().filter(r -> r.getName().equals(name) && r.getType() == question.getType())
                    .forEach(r -> response.addRecord(r, Section.ANSWER));
        }
        return response;
    }

    @Override
    public void close() {
        socket.close();
    }
}
