package io.lethe.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic, realistic mix of live-chat messages (visitor and agent lines, 20-300 chars). Most carry no
 * personal data, but many carry numbers that are not PII (prices, dates, times, order and tracking numbers,
 * versions), which is what makes the phone matcher work. Roughly: 80% no PII, 7% e-mail, 6% phone, 3% IP,
 * 3% known values of the visitor, 1% several kinds.
 */
final class ChatMessages {

    static final String VISITOR_NAME = "Maria Gonzalez";
    static final String VISITOR_KEY = "vk_3f9a1c77e2";
    static final String VISITOR_EMAIL = "maria.gonzalez@example.com";
    static final String VISITOR_PHONE = "+1 (415) 555-0142";

    private static final String[] PLAIN = {
        "Hi there!",
        "Hello, I need some help with my account please.",
        "Thanks so much, that fixed it \uD83D\uDE42",
        "Have a great day!",
        "Let me check that for you, one moment please.",
        "No worries, take your time.",
        "Is there anything else I can help you with today?",
        "I've escalated this to our billing team, you should hear back within 24 hours.",
        "Could you tell me which browser you are using?",
        "Chrome on Windows 11, I think it's the latest one.",
        "The page keeps loading forever when I click on checkout.",
        "I tried clearing the cache and cookies but nothing changed.",
        "Great, I can see the issue on our side now. Our engineers are on it.",
        "Sorry for the wait, we have a lot of chats right now.",
        "Can I get a refund instead of store credit?",
        "Yes, refunds go back to the original payment method in 5-7 business days.",
        "ok",
        "Perfect, thank you!",
        "Where can I find the invoice for last month?",
        "You can download it under Settings > Billing > Invoices.",
        "The blue jacket in size M costs $49.99, is it still in stock?",
        "My order 4521 hasn't arrived yet.",
        "It was supposed to arrive on 2024-03-12 but the tracking hasn't updated since Monday.",
        "Can I change the delivery slot to 14:30-16:00?",
        "I'm on version 3.2.1 of the app.",
        "Order #10023456 was charged twice, see the statement from 15/01/2024.",
        "Tracking number 1Z999AA10123456784 says delivered but nothing is here.",
        "The invoice shows 1,249.00 EUR but the quote was 1,199.00 EUR.",
        "We are open Monday to Friday, 9:00 to 17:30 CET.",
        "Your ticket 88213 has been updated.",
        "The discount code SPRING24 gives 15% off until 31.03.2024.",
        "I bought 3 licences in 2023 and need 2 more for the new team members.",
        "Our warehouse ships within 48 hours, excluding public holidays.",
        "I ordered on 12/02/2024 and got order number 2024-000913.",
        "Installed build 10.0.19045 yesterday and since then the plugin crashes on start.",
    };
    private static final String[] FIRST = {"john", "jane", "ana", "li", "omar", "sven", "chloe", "raj", "mei", "tom"};
    private static final String[] LAST = {"smith", "doe", "garcia", "wang", "haddad", "berg", "martin", "patel"};
    private static final String[] DOMAIN = {"gmail.com", "outlook.com", "example.org", "company.co.uk", "web.de"};
    private static final String[] PHONES = {
        "(415) 555-0177", "415-555-0199", "+44 20 7946 0958", "+1 212 555 0147", "212.555.0173",
        "+49 151 23456789", "+33 6 12 34 56 78", "(646) 555-0162 ext. 12",
    };
    private static final String[] IPS = {
        "192.168.1.23", "10.0.0.12:8080", "203.0.113.77", "2001:db8::42", "fe80::1ff:fe23:4567:890a%eth0",
    };

    private ChatMessages() {
    }

    static List<String> generate(int count, long seed) {
        Random random = new Random(seed);
        List<String> messages = new ArrayList<>(count);
        while (messages.size() < count) {
            int roll = random.nextInt(100);
            String pii;
            if (roll < 80) {
                pii = null;
            } else if (roll < 87) {
                pii = pick(random, "My email is %s", "you can send the receipt to %s please", "%s",
                        "it's %s (work address)").formatted(email(random));
            } else if (roll < 93) {
                pii = pick(random, "Call me at %s", "my number is %s", "%s works best after 5pm",
                        "You can reach me on %s tomorrow").formatted(pick(random, PHONES));
            } else if (roll < 96) {
                pii = pick(random, "I'm connecting from %s and it times out", "the server at %s returns 502",
                        "my IP is %s").formatted(pick(random, IPS));
            } else if (roll < 99) {
                pii = pick(random, "This is " + VISITOR_NAME + " again", "my visitor id is " + VISITOR_KEY,
                        "maria gonzalez here, same issue as yesterday");
            } else {
                pii = "I'm %s, mail %s or call %s".formatted(VISITOR_NAME, VISITOR_EMAIL, VISITOR_PHONE);
            }
            messages.add(compose(random, pii));
        }
        return messages;
    }

    /** One to three sentences, the PII sentence (if any) at a random position, capped at 300 chars. */
    private static String compose(Random random, String pii) {
        List<String> sentences = new ArrayList<>();
        int plain = random.nextInt(3) + (pii == null ? 1 : 0);
        for (int i = 0; i < plain; i++) {
            sentences.add(pick(random, PLAIN));
        }
        if (pii != null) {
            sentences.add(random.nextInt(sentences.size() + 1), pii + ".");
        }
        String message = String.join(" ", sentences);
        if (message.length() < 20) {
            message = message + " " + pick(random, PLAIN);
        }
        return message.length() > 300 ? message.substring(0, 300) : message;
    }

    private static String email(Random random) {
        return pick(random, FIRST) + pick(random, ".", "_", "") + pick(random, LAST)
                + (random.nextBoolean() ? "" : String.valueOf(random.nextInt(100))) + "@" + pick(random, DOMAIN);
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }
}
