import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes regional-phones.jsonl: chat lines per region with a phone number typed the way people do (spaces, dots,
 * dashes, brackets, trunk prefixes, extensions, freephone, mobile and landline) next to hard negatives (local
 * dates, times, prices, versions, order and tracking numbers, postcodes, IBANs, IPs, invoice and tax numbers).
 *
 * <p>Formats and sentences are hand-written; the digits behind each {@code #} are random, and a number is only
 * used once libphonenumber calls it a valid number of its region, so every positive is a real, dialable shape.
 * Each negative is drawn from hand-written lists per region. Deterministic (fixed seed).
 *
 * <pre>
 * java -cp libphonenumber-9.0.19.jar src/test/resources/redaction/phones/GeneratePhoneCorpus.java \
 *     src/test/resources/redaction/phones/regional-phones.jsonl
 * </pre>
 */
public class GeneratePhoneCorpus {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Random RANDOM = new Random(20240315L);
    private static final int LINES_WITH_PHONE = 46;
    private static final int LINES_WITHOUT_PHONE = 16;

    /** Per region: phone formats, sentences ({P} phone, {N} negative) and negatives. */
    record Region(String code, List<String> formats, List<String> sentences, List<String> negativeSentences,
                  List<String> negatives) {
    }

    public static void main(String[] args) throws IOException {
        List<Region> regions = List.of(gb(), de(), fr(), nl(), es(), it(), pl(), se(), us(), in(), br());
        List<String> out = new ArrayList<>();
        for (Region region : regions) {
            int id = 0;
            for (int k = 0; k < LINES_WITH_PHONE; k++) {
                String format = region.formats().get(k % region.formats().size());
                String phone = validNumber(region.code(), format);
                String sentence = region.sentences().get(RANDOM.nextInt(region.sentences().size()));
                out.add(line(region, ++id, sentence, phone));
            }
            for (int k = 0; k < LINES_WITHOUT_PHONE; k++) {
                String sentence = region.negativeSentences().get(k % region.negativeSentences().size());
                out.add(line(region, ++id, sentence, null));
            }
        }
        Files.write(Path.of(args[0]), out, StandardCharsets.UTF_8);
        System.out.println(out.size() + " lines");
    }

    private static String line(Region region, int id, String sentence, String phone) {
        List<String> keeps = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int phoneStart = -1;
        for (int i = 0; i < sentence.length(); i++) {
            if (sentence.startsWith("{P}", i)) {
                phoneStart = text.length();
                text.append(phone);
                i += 2;
            } else if (sentence.startsWith("{N}", i)) {
                String negative;
                do {
                    negative = region.negatives().get(RANDOM.nextInt(region.negatives().size()));
                } while (overlapsAny(negative, keeps) || text.indexOf(negative) >= 0
                        || (phone != null && (phone.contains(negative) || negative.contains(phone))));
                keeps.add(negative);
                text.append(negative);
                i += 2;
            } else {
                text.append(sentence.charAt(i));
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", region.code().toLowerCase() + "-" + String.format("%03d", id));
        row.put("region", region.code());
        row.put("text", text.toString());
        row.put("phones", phone == null ? List.of() : List.of(phone));
        row.put("international", phone != null && (phone.startsWith("+") || phone.startsWith("00")
                || phone.startsWith("(+")));
        row.put("keep", keeps);
        if (phoneStart >= 0 && text.indexOf(phone) != phoneStart) {
            throw new IllegalStateException("phone not unique in " + text);
        }
        for (String keep : keeps) {
            if (text.indexOf(keep) != text.lastIndexOf(keep)) {
                throw new IllegalStateException("keep not unique in " + text);
            }
        }
        return json(row);
    }

    private static boolean overlapsAny(String negative, List<String> keeps) {
        for (String keep : keeps) {
            if (keep.contains(negative) || negative.contains(keep)) {
                return true;
            }
        }
        return false;
    }

    /** Fills the {@code #} of {@code format} until libphonenumber calls the number valid for {@code region}. */
    private static String validNumber(String region, String format) {
        for (int attempt = 0; attempt < 20_000; attempt++) {
            StringBuilder number = new StringBuilder();
            for (char c : format.toCharArray()) {
                number.append(c == '#' ? (char) ('0' + RANDOM.nextInt(10)) : c);
            }
            String candidate = number.toString();
            if (isValid(region, candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no valid number for " + region + " " + format);
    }

    private static boolean isValid(String region, String written) {
        String dialable = written.replaceFirst("(?i)\\s*(ext\\.?|x|durchwahl|poste|int\\.|wew\\.|anknytning)\\s*\\d+$", "");
        dialable = dialable.replaceFirst("^\\(\\+", "+").replaceFirst("^00\\s?", "+");
        try {
            PhoneNumber number = UTIL.parse(dialable, region);
            return UTIL.isValidNumberForRegion(number, region);
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static Region gb() {
        return new Region("GB", List.of(
                "07### ######", "07#########", "07### ### ###", "+44 7### ######", "+44 (0)7### ######",
                "0044 7### ######", "07###-######", "020 7### ####", "020 8### ####", "(020) 7### ####",
                "+44 20 7### ####", "+44 (0)20 3### ####", "0161 ### ####", "0121 ### ####", "0113 ### ####",
                "0131-### ####", "01223 ######", "(01865) ######", "0800 ### ####", "0808 ### ####", "0300 ### ####",
                "020 7### #### ext. ##", "0161 ### #### ext 123", "+447#########", "07### ###-###"),
                List.of(
                        "Best number to reach me is {P}, I'm free after {N}.",
                        "my mobile's {P} if the chat drops",
                        "Can you ring me on {P}? Order was placed {N}.",
                        "Landline: {P} (evenings only)",
                        "I paid {N} on {N} - call {P} if there's a problem",
                        "Hi, it's about invoice {N}. My number is {P}.",
                        "please call {P} rather than emailing",
                        "Tel {P} / ref {N}",
                        "The courier can phone {P} - postcode is {N}",
                        "{P} is my work line, I'm in from {N}",
                        "Text me on {P}, the app is on {N}.",
                        "Could someone from billing call me back on {P} today?"),
                List.of(
                        "Order was placed on {N} and delivery was due {N}.",
                        "It cost {N} and the update to {N} broke it.",
                        "My postcode is {N} and the parcel ref is {N}.",
                        "Sort code and account: {N}, invoice {N}.",
                        "Connecting from {N}, app {N}, still failing at {N}."),
                List.of("15/03/2024", "03/04/2023", "14:30", "2.30pm", "£1,299.00", "£49.99", "£ 12.50", "v2.3.1",
                        "version 10.2.4", "INV-2024-00912", "Invoice no. 2024/0047", "JD014600006281234567",
                        "AB123456789GB", "SW1A 1AA", "EC1A 1BB", "M1 1AE", "GB29 NWBK 6016 1331 9268 19",
                        "GB82 WEST 1234 5698 7654 32", "81.2.69.160", "sort code 20-00-00, account 31926819",
                        "order #20417733", "ticket 4471829", "1 March 2024", "29.02.2024", "Mon 09:00-17:30",
                        "case 00123456", "build 17.0.1.2", "tracking 3SDOCK123456789"));
    }

    private static Region de() {
        return new Region("DE", List.of(
                "0151 ########", "0151-########", "0160 #######", "0171 #######", "0172 #######", "0176 ########",
                "+49 151 ########", "+49 (0)171 #######", "0049 176 ########", "00 49 172 #######", "0171/#######",
                "030 ########", "030/########", "(030) ########", "030 - ### ### ##", "089 #######", "089/#######",
                "040 ### ### ##", "069 ########", "0221 #######", "0211 ### ###", "+49 30 ########",
                "+49 (0)30 ########", "+49 89 #######", "030 ######-##", "089 #####-###", "0800 #######",
                "0800 ### ####", "+49 (0) 40 ### ### ##", "0 30 ### ### ##", "(0 89) ### ## ##"),
                List.of(
                        "Sie erreichen mich unter {P}, am besten nach {N}.",
                        "Meine Handynummer ist {P}",
                        "Bestellung vom {N} über {N} – Rückruf bitte unter {P}",
                        "Rufen Sie mich doch kurz an: {P} (tagsüber)",
                        "Tel.: {P}, Durchwahl -34",
                        "Hallo, es geht um {N}. Meine Nummer: {P}.",
                        "Festnetz {P}, mobil leider nicht erreichbar",
                        "Der Fahrer soll bitte {P} anrufen, {N}.",
                        "ich bin ab {N} unter {P} zu erreichen",
                        "{P} – das ist die Nummer vom Büro, {N}",
                        "Bitte um Rückruf: {P}. App-Version {N}."),
                List.of(
                        "Bestellt am {N}, geliefert wurde am {N}.",
                        "Die Rechnung über {N} ({N}) stimmt nicht.",
                        "Lieferadresse {N}, Sendung {N}.",
                        "Überweisung an {N}, Betrag {N}.",
                        "Router {N}, Firmware {N}, Termin {N}."),
                List.of("15.03.2024", "1.3.24", "14.30 Uhr", "9:45", "1.299,00 €", "49,90 €", "€ 1.234.567,89",
                        "Version 2.4.1", "Bestellnummer 4051234567", "Rechnung RE-2024-0815", "Rechnungsnr. 2024-10-0042",
                        "Sendungsnummer 00340434161234567890", "PLZ 10115", "80331 München",
                        "DE89 3704 0044 0532 0130 00", "DE02 1203 0000 0000 2020 51", "192.168.178.21",
                        "Kundennummer 123456789", "Steuernummer 21/815/08150", "USt-IdNr. DE123456789",
                        "Auftrag 700012345", "Ticket #88213", "vom 01.02. bis 28.02.2024", "3,5 %", "12.000 km",
                        "Artikel 10023456", "Vorgangsnummer 2024-558812"));
    }

    private static Region fr() {
        return new Region("FR", List.of(
                "06 ## ## ## ##", "07 ## ## ## ##", "06.##.##.##.##", "06-##-##-##-##", "06########",
                "01 ## ## ## ##", "04 ## ## ## ##", "09 ## ## ## ##", "05.##.##.##.##", "+33 6 ## ## ## ##",
                "+33 (0)1 ## ## ## ##", "0033 6 ## ## ## ##", "+336########", "0800 ## ## ##", "0 800 ## ## ##",
                "02 ## ## ## ##", "+33 (0)6 ## ## ## ##", "03 ## ## ## ##", "+33 7.##.##.##.##"),
                List.of(
                        "Vous pouvez me joindre au {P} après {N}.",
                        "mon portable : {P}",
                        "Commande du {N} pour {N}, rappelez-moi au {P} svp",
                        "Mon numéro est le {P}, merci !",
                        "Tél. {P} (bureau)",
                        "Bonjour, c'est pour la facture {N}. Joignable au {P}.",
                        "le livreur peut appeler le {P}, code postal {N}",
                        "{P} c'est mon fixe, je suis là à partir de {N}",
                        "Appelez le {P} ou écrivez-moi, version {N}.",
                        "Standard : {P} poste 214, demandez le service après-vente ({N})."),
                List.of(
                        "Commande passée le {N}, livraison prévue le {N}.",
                        "La facture {N} indique {N} au lieu de {N}.",
                        "Adresse : {N}, colis {N}.",
                        "Virement sur {N}, société {N}.",
                        "Box {N}, firmware {N}, rendez-vous {N}."),
                List.of("15/03/2024", "1/4/24", "14h30", "9h", "1 299,00 €", "49,90 €", "12,50€", "v3.2",
                        "version 4.12.1", "commande n° 1234567890", "facture F-2024-00123", "colis 6A12345678901",
                        "75008 Paris", "69002 Lyon", "FR76 3000 6000 0112 3456 7890 189",
                        "FR14 2004 1010 0505 0001 3M02 606", "SIRET 123 456 789 00012", "SIREN 732 829 320",
                        "90.12.34.56", "réf. 2024-00451", "dossier 230045871", "n° client 00451278",
                        "le 3 mars 2024", "du 01/02 au 28/02", "20 %", "1 234 567 habitants"));
    }

    private static Region nl() {
        return new Region("NL", List.of(
                "06 ########", "06-########", "06 ## ## ## ##", "06-## ## ## ##", "020 ### ####", "020-### ####",
                "010 ### ####", "030 ### ####", "070 ### ####", "+31 6 ########", "+31 (0)20 ### ####",
                "0031 6 ########", "0800 ####", "0800-####", "+31 (0)6 ## ## ## ##", "(020) ### ## ##", "06.########",
                "0900 ####", "+31 10 ### ## ##"),
                List.of(
                        "Je kunt me bellen op {P}, na {N}.",
                        "mijn mobiele nummer is {P}",
                        "Bestelling van {N} voor {N}, bel me terug op {P} aub",
                        "Telefoon: {P} (alleen overdag)",
                        "Hoi, het gaat om factuur {N}. Mijn nummer: {P}.",
                        "de bezorger mag {P} bellen, postcode {N}",
                        "{P} is mijn vaste nummer, ik ben er vanaf {N}",
                        "Bel {P} of mail even, app versie {N}."),
                List.of(
                        "Besteld op {N} en bezorgd op {N}.",
                        "De factuur {N} zegt {N}.",
                        "Adres {N}, zending {N}.",
                        "Overmaken naar {N}, KvK {N}.",
                        "Modem {N}, firmware {N}, afspraak {N}."),
                List.of("15-03-2024", "15-3-2024", "14.30 uur", "9:15", "€ 1.299,00", "€ 49,95", "12,50 euro",
                        "versie 2.1.0", "bestelnummer 123456789", "factuur 2024-0042", "1012 AB Amsterdam",
                        "postcode 3511 LX", "NL91 ABNA 0417 1643 00", "NL20 INGB 0001 2345 67", "KvK 12345678",
                        "3SABCD1234567", "145.53.12.200", "ordernummer 7001234567", "klantnummer 20045871",
                        "op 3 maart 2024", "21%", "ticket 5542871"));
    }

    private static Region es() {
        return new Region("ES", List.of(
                "6## ## ## ##", "6## ### ###", "6########", "7## ### ###", "91 ### ## ##", "93 ### ## ##",
                "96# ## ## ##", "+34 6## ### ###", "+34 91 ### ## ##", "0034 6## ## ## ##", "900 ### ###",
                "(+34) 6## ### ###", "6##-###-###", "6##.##.##.##", "+34 6########", "954 ## ## ##"),
                List.of(
                        "Puedes llamarme al {P} a partir de las {N}.",
                        "mi móvil es el {P}",
                        "Pedido del {N} por {N}, llamadme al {P} por favor",
                        "Teléfono: {P} (mañanas)",
                        "Hola, es por la factura {N}. Mi número: {P}.",
                        "el repartidor puede llamar al {P}, CP {N}",
                        "{P} es el fijo de la oficina, estoy desde las {N}",
                        "Llámame al {P}, la app está en la versión {N}."),
                List.of(
                        "Pedido realizado el {N}, entrega prevista el {N}.",
                        "La factura {N} pone {N}.",
                        "Dirección {N}, envío {N}.",
                        "Transferencia a {N}, {N}.",
                        "Router {N}, versión {N}, cita {N}."),
                List.of("15/03/2024", "15-03-2024", "14:30", "a las 9.30", "1.299,00 €", "49,95€", "12,50 euros",
                        "versión 2.3.1", "pedido nº 405-1234567-1234567", "factura 2024/000123", "CP 28013",
                        "28013 Madrid", "ES91 2100 0418 4502 0005 1332", "ES79 2100 0813 6101 2345 6789",
                        "NIF B12345678", "DNI 12345678Z", "80.58.61.250", "referencia 20240045871",
                        "nº de cliente 00451278", "el 3 de marzo de 2024", "21 %", "expediente 2024-558812"));
    }

    private static Region it() {
        return new Region("IT", List.of(
                "3## ### ####", "3## #######", "3##-#######", "3##.###.####", "3#########", "02 #### ####",
                "02 ########", "06 ########", "06 #### ####", "011 ### ####", "055 ######", "081 ### ####",
                "+39 3## ### ####", "+39 02 #### ####", "0039 3## #######", "800 ### ###", "800######",
                "+39 06 ########", "(02) ########", "3## ### ## ##"),
                List.of(
                        "Potete chiamarmi al {P} dopo le {N}.",
                        "il mio cellulare è {P}",
                        "Ordine del {N} per {N}, richiamatemi al {P} per favore",
                        "Tel. {P} (ufficio)",
                        "Buongiorno, è per la fattura {N}. Il mio numero: {P}.",
                        "il corriere può chiamare il {P}, CAP {N}",
                        "{P} è il fisso, sono in ufficio dalle {N}",
                        "Chiamami al {P}, l'app è alla versione {N}."),
                List.of(
                        "Ordine effettuato il {N}, consegna prevista il {N}.",
                        "La fattura {N} riporta {N}.",
                        "Indirizzo {N}, spedizione {N}.",
                        "Bonifico su {N}, {N}.",
                        "Modem {N}, firmware {N}, appuntamento {N}."),
                List.of("15/03/2024", "15.03.2024", "ore 14:30", "alle 9.30", "€ 1.299,00", "49,90 €", "12,50 euro",
                        "versione 5.1.2", "ordine n. 1234567", "fattura n. 2024/123", "CAP 00184", "20121 Milano",
                        "IT60 X054 2811 1010 0000 0123 456", "IT40 S054 2811 1010 0000 0123 456",
                        "P.IVA 12345678901", "codice fiscale RSSMRA85T10A562S", "151.99.125.2",
                        "codice cliente 00451278", "il 3 marzo 2024", "22%", "pratica 2024-558812",
                        "spedizione 1Z4F26E20412345678"));
    }

    private static Region pl() {
        return new Region("PL", List.of(
                "5## ### ###", "6## ### ###", "7## ### ###", "8## ### ###", "5##-###-###", "5########",
                "22 ### ## ##", "(22) ### ## ##", "12 ### ## ##", "61 ### ## ##", "+48 5## ### ###",
                "+48 22 ### ## ##", "0048 6## ### ###", "800 ### ###", "+48 (22) ### ## ##", "+48 6########",
                "5## ## ## ##", "71 ### ## ##"),
                List.of(
                        "Proszę dzwonić na {P} po {N}.",
                        "mój numer komórki to {P}",
                        "Zamówienie z {N} na {N}, proszę o telefon {P}",
                        "Tel. {P} (w godzinach pracy)",
                        "Dzień dobry, chodzi o fakturę {N}. Mój numer: {P}.",
                        "kurier może dzwonić pod {P}, kod {N}",
                        "{P} to numer stacjonarny, jestem od {N}",
                        "Zadzwoń na {P}, aplikacja w wersji {N}."),
                List.of(
                        "Zamówienie z dnia {N}, dostawa {N}.",
                        "Na fakturze {N} jest {N}.",
                        "Adres {N}, przesyłka {N}.",
                        "Przelew na {N}, {N}.",
                        "Router {N}, oprogramowanie {N}, wizyta {N}."),
                List.of("15.03.2024", "15.03.2024 r.", "14:30", "o 9.30", "1 299,00 zł", "49,99 zł", "12,50 PLN",
                        "wersja 2.0.3", "zamówienie nr 123456789", "faktura FV/2024/03/123", "kod 00-950",
                        "00-950 Warszawa", "PL61 1090 1014 0000 0712 1981 2874", "PL27 1140 2004 0000 3002 0135 5387",
                        "NIP 123-456-32-18", "REGON 123456785", "83.12.45.201", "nr klienta 00451278",
                        "3 marca 2024", "23%", "numer przesyłki 600123456789012345678"));
    }

    private static Region se() {
        return new Region("SE", List.of(
                "070-### ## ##", "070 ### ## ##", "073-### ## ##", "076-### ## ##", "07########", "08-### ### ##",
                "08-### ## ##", "08 ### ### ##", "031-## ## ##", "031-### ## ##", "040-## ## ##", "+46 70 ### ## ##",
                "+46 (0)8 ### ### ##", "0046 70-### ## ##", "020-## ## ##", "+46 8 ### ### ##", "(08) ### ## ##",
                "0046 (0)70 ### ## ##"),
                List.of(
                        "Ring mig på {P} efter {N}.",
                        "mitt mobilnummer är {P}",
                        "Beställning från {N} på {N}, ring gärna {P}",
                        "Tel: {P} (dagtid)",
                        "Hej, det gäller faktura {N}. Mitt nummer: {P}.",
                        "budet kan ringa {P}, postnummer {N}",
                        "{P} är mitt fasta nummer, jag är här från {N}",
                        "Ring {P}, appen är version {N}."),
                List.of(
                        "Beställt {N}, levereras {N}.",
                        "Fakturan {N} visar {N}.",
                        "Adress {N}, försändelse {N}.",
                        "Betala till {N}, {N}.",
                        "Router {N}, firmware {N}, besök {N}."),
                List.of("2024-03-15", "15/3", "kl. 14.30", "kl 9:15", "1 299 kr", "1 299,00 kr", "49:-", "12,50 SEK",
                        "version 4.2", "ordernummer 12345678", "faktura 2024-1234", "postnummer 114 55",
                        "114 55 Stockholm", "SE45 5000 0000 0583 9825 7466", "SE35 5000 0000 0549 1000 0003",
                        "org.nr 556123-4567", "OCR 1234567890123", "78.69.12.34", "kundnummer 00451278",
                        "den 3 mars 2024", "25 %", "bankgiro 5050-1055"));
    }

    private static Region us() {
        return new Region("US", List.of(
                "(###) ###-####", "###-###-####", "###.###.####", "### ### ####", "1-###-###-####", "+1 ### ### ####",
                "+1 (###) ###-####", "(###) ###-#### ext. ##", "###-###-#### x###", "1-800-###-####", "800-###-####",
                "(888) ###-####", "+1-###-###-####", "(###)###-####", "1 (###) ###-####", "##########"),
                List.of(
                        "You can reach me at {P} after {N}.",
                        "my cell is {P}",
                        "Order from {N} for {N}, please call me back at {P}",
                        "Phone: {P} (daytime)",
                        "Hi, this is about invoice {N}. My number is {P}.",
                        "the driver can call {P}, zip {N}",
                        "{P} is my office line, I'm in from {N}",
                        "Call {P}, the app is on {N}."),
                List.of(
                        "Ordered on {N}, delivery expected {N}.",
                        "Invoice {N} shows {N}.",
                        "Ship to {N}, tracking {N}.",
                        "Wire to {N}, {N}.",
                        "Router {N}, firmware {N}, appointment {N}."),
                List.of("03/15/2024", "3/15/24", "2:30 PM", "9am", "$1,299.00", "$49.99", "USD 12.50", "v10.4.2",
                        "version 3.2.1", "order #112-4567890-1234567", "1Z999AA10123456784", "ZIP 94105-1234",
                        "94105-1234", "invoice INV-2024-0042", "routing 021000021", "account 123456789012",
                        "66.249.66.1", "PO #4500012345", "case #00451278", "March 3, 2024", "8.25%", "ticket 5542871",
                        "USPS 9400 1000 0000 0000 0000 00"));
    }

    private static Region in() {
        return new Region("IN", List.of(
                "98### #####", "98########", "+91 98### #####", "+91-98###-#####", "+91 98# ### ####", "098### #####",
                "0 98### #####", "7#########", "6#########", "8### ### ###", "022 #### ####", "022-########",
                "011 #### ####", "011-2###-####", "080 #### ####", "044 #### ####", "(022) ########",
                "+91 22 #### ####", "1800 ### ####", "1800-###-####", "+91 80 #### ####", "+919#########"),
                List.of(
                        "You can call me on {P} after {N}.",
                        "my mobile no. is {P}",
                        "Order placed on {N} for {N}, kindly call back on {P}",
                        "Contact: {P} (office hours)",
                        "Hi, regarding invoice {N}. My number: {P}.",
                        "delivery boy can call {P}, PIN {N}",
                        "{P} is my landline, available from {N}",
                        "Please call {P}, app version {N}."),
                List.of(
                        "Order placed on {N}, delivery by {N}.",
                        "Invoice {N} shows {N}.",
                        "Address {N}, AWB {N}.",
                        "Transfer to {N}, {N}.",
                        "Router {N}, firmware {N}, slot {N}."),
                List.of("15/03/2024", "15-03-2024", "2:30 pm", "10.30 am", "₹1,29,999", "Rs. 49,999.00", "₹ 499",
                        "INR 12,50,000", "v1.2.3", "version 11.0.4", "order OD123456789012345", "PIN 110001",
                        "400001 Mumbai", "PNR 4512345678", "GSTIN 27AAPFU0939F1ZV", "IFSC SBIN0001234",
                        "AWB 12345678901", "49.36.12.201", "customer ID 00451278", "3 March 2024", "18%",
                        "ticket 5542871", "Aadhaar XXXX XXXX 1234"));
    }

    private static Region br() {
        return new Region("BR", List.of(
                "(11) 9####-####", "(21) 9#### ####", "11 9####-####", "11 9########", "+55 11 9####-####",
                "+55 (11) 9####-####", "0055 11 9####-####", "(011) 9####-####", "(11) 3###-####", "(21) 2###-####",
                "11 3###-####", "+55 11 3###-####", "0800 ### ####", "0800-###-####", "(31) 9####-####",
                "+55 21 9#### ####", "(61) 3###-####", "+5511 9####-####"),
                List.of(
                        "Pode me ligar no {P} depois das {N}.",
                        "meu celular é {P}",
                        "Pedido de {N} no valor de {N}, me liga no {P} por favor",
                        "Tel: {P} (horário comercial)",
                        "Olá, é sobre a nota {N}. Meu número: {P}.",
                        "o entregador pode ligar no {P}, {N}",
                        "{P} é o fixo do escritório, estou lá a partir das {N}",
                        "Me chama no zap {P}, app na versão {N}."),
                List.of(
                        "Pedido feito em {N}, entrega prevista para {N}.",
                        "A nota {N} mostra {N}.",
                        "Endereço {N}, rastreio {N}.",
                        "Transferência para {N}, {N}.",
                        "Roteador {N}, firmware {N}, visita {N}."),
                List.of("15/03/2024", "15/3/24", "14h30", "às 9:15", "R$ 1.234,56", "R$ 49,90", "R$12,50",
                        "versão 2.3", "versão 10.1.4", "pedido 123456789", "CEP 01310-100", "01310-100 São Paulo",
                        "CPF 123.456.789-09", "CNPJ 12.345.678/0001-90", "nota fiscal 000.123.456",
                        "BR123456789BR", "PIX 2024031512345", "177.71.12.34", "protocolo 20240045871",
                        "3 de março de 2024", "15%", "boleto 23793.38128 60000.000003 00000.000400 1 84340000010000"));
    }

    private static String json(Map<String, Object> row) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : row.entrySet()) {
            out.append(first ? "" : ", ").append(quote(e.getKey())).append(": ");
            first = false;
            Object v = e.getValue();
            if (v instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i > 0 ? ", " : "").append(quote((String) list.get(i)));
                }
                out.append(']');
            } else if (v instanceof Boolean b) {
                out.append(b);
            } else {
                out.append(quote((String) v));
            }
        }
        return out.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
