// lang-profiles: the data behind Newsdesk's own language detector (lang.ts) — the most
// frequent function words of the languages news is written in, and the languages each
// writing system stands for.
//
// Why function words: articles, prepositions, pronouns and auxiliaries make up a third to
// a half of the running words of any prose, they differ sharply between languages even
// when the vocabulary does not (Spanish "el, los, y" vs Portuguese "o, os, e"), and a few
// hundred of them cost a few kilobytes — where an n-gram model costs tens of megabytes.
// The lists were written for this project from common knowledge of each language; a word
// shared by several languages is listed in each (it counts for all, so it never decides).

/** Function words by language (ISO 639-1), for languages written in the Latin alphabet. */
export const LATIN_PROFILES: Readonly<Record<string, string>> = {
  en: 'the of and to in is that for it with as was on be by at this are from have has an not but or they his her which will were their been had would who said more about there can after we you he she its than also into over when what could them should does did so still only just how all one out up if do our your these those any some other such may most many much very now then where why because through while both each being hasn isn doesn didn wasn don aren anything something',
  de: 'der die das und ist nicht ein eine einen dem den des zu mit sich auf für von im auch es an werden wird wurde sind hat haben dass als bei nach aus noch wie oder aber nur sie er wir ich vor zum zur über durch einem einer mehr kann schon sein seine ihre diese dieser wenn man uns',
  nl: 'de het een en van in is dat op te zijn voor met die niet aan er om ook als bij door maar naar wordt werd worden uit dan nog deze dit over hij ze zij wij ik heeft hebben was kan tot geen meer zo al wel hun wat',
  af: 'die en van in is het dat op vir met nie te om sy word was aan ook as deur hulle ons ek kan sal maar uit tot na wat n hy',
  fr: 'le la les de des du un une et est en que qui dans pour pas sur au aux avec ce cette il elle ils sont par plus ne se son sa ses mais ont été leur nous vous comme tout aussi où d l qu selon entre sans',
  es: 'el la los las de del que y a en un una por con para es se no lo al su sus como más pero fue este esta ha han sobre entre también muy sin hasta desde cuando porque ya todo hay son ser donde otros le les tras según',
  pt: 'o os a as de do da dos das que e em no na nos nas um uma para por com não é se ao à mais como mas foi pelo pela seu sua também são ele ela está isso este esta há já muito quando até entre sobre pelos pelas às depois',
  ca: 'el la els les de del i a en que un una per amb és no es als al més però com va ha seu seva són també aquest aquesta molt pel sobre fins ja hi ho dels han amb perquè d l',
  it: 'il lo la i gli le di del della dei delle che e è in un una per con non si da al alla nel nella sono come anche più ma ha questo questa suo sua ci dopo stato essere tra sul sulla degli alle ai dal dalla d l',
  sv: 'och i att det som en är av för på med den till har inte om ett de var men jag vi från kan eller sig så nu också efter vid skulle när hade blir blev detta denna mycket än sina under',
  da: 'og i at det er en til af for på med den de som ikke har et var jeg vi han hun sig fra kan men eller så også efter skal blev bliver ved når havde mange være meget dette denne nu deres hvor hvad siger været nogen fik sådan gennem mellem',
  no: 'og i det er en til av for på med den de som ikke har et var jeg vi han hun seg fra kan men eller så også etter skal ble blir ved når hadde mange være veldig dette denne nå deres hvor hva ikkje eit ein sier vært noen mye fikk slik gjennom mellom',
  is: 'og að í á er sem til ekki við um það var en með hann hún af fyrir eru frá þá eða þegar hafa hefur verið sig þessi þetta mjög',
  fi: 'ja on ei se että oli ovat hän kun mutta myös tai niin kuin jo sen hänen vain nyt ole olla voi joka jotka mitä tämä siitä sitä tässä vuonna jälkeen mukaan kanssa noin sekä eikä yli vielä',
  et: 'ja on ei see et oli ka kui aga või mis ta nad seda selle veel ning oma kes siis üle pärast tema neid nagu kõik ainult väga nii juba olid olla pole ole mida sest',
  pl: 'i w z na się nie do że to jest o jak po a od za co ale przez dla jego jej są był była było tym tak już czy tylko może przy także oraz które który która ich też być we',
  cs: 'a v se na je že to s z do o i jako ale by k pro za jsou jsem byl byla bylo jeho její tak už když také který která které po od ve podle než jen však při aby nebo může tento této jak jejich budou mezi proto protože jsme není byly již zda tedy více',
  sk: 'a v sa na je že to s z do o i ako ale by k pre za sú som bol bola bolo jeho jej tak už keď tiež ktorý ktorá ktoré po od vo podľa než len však pri aby alebo môže tento tejto aj budú medzi preto pretože sme nie boli či teda viac',
  sl: 'in je v na da se za so z pa ki s bi tudi po ne bo še kot ali pri od do ter saj lahko le ga jih smo sem bil bila bilo to ta tem kar zato vendar',
  hr: 'i je u na se da za su od s sa a o iz koji koja koje to ne kao ali što bi će još samo nije smo sam bio bila bilo ili kada već te po do pa prema jer',
  hu: 'a az és hogy nem is egy meg van volt de csak már mint ki el még ez azt ami aki ha kell majd után vagy sem lesz pedig mert mely amely ezt nagyon most szerint között lett több',
  ro: 'și şi în de la a cu pe că nu din o un este sunt pentru care mai să se ce au fost al ale lui prin după sau dar iar fi această acest foarte fără doar ca când despre',
  sq: 'të e në dhe për një me nga është që u i se së ka do janë ishte si ky kjo por edhe mund tij saj më pas nuk',
  lt: 'ir yra į kad su o ne bet iš kaip buvo jo jos tai per už apie nuo dar jau tik ar bus kuris kuri kurie savo taip labai prie po metų',
  lv: 'un ir ar uz par no kas ka bet vai arī tas tā to viņš viņa bija tiek tika lai pēc kā jau vēl ļoti pie līdz kur savu gadā var nav',
  tr: 've bir bu da de için ile olarak çok daha gibi ne olan en ama kadar sonra var yok değil her o şey ise mi ki olduğu bin tarafından göre üzerine ancak veya diye şu biz ben',
  az: 'və bu bir ki ilə üçün də da olan olaraq daha çox sonra isə görə onun amma həm hər edir etdi olub artıq il ildə',
  id: 'yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada oleh atau karena sudah telah bisa saya kami mereka tersebut tetapi lebih hanya seperti bahwa sebagai para kepada adalah saat sangat hingga',
  ms: 'yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada oleh atau kerana sudah telah boleh saya kami mereka tetapi lebih hanya seperti bahawa sebagai kepada adalah ialah iaitu sahaja daripada',
  tl: 'ang ng sa na mga at ay ito si ni hindi para kay nila niya siya ako ka mo ko din rin lang pa po kung may isang naman ba',
  sw: 'na ya wa kwa za ni la katika kuwa hiyo hii huo cha pia lakini au kama baada ambao ambayo wake yake sana zaidi',
  eu: 'eta da ez du bat ere dira zen baina dute izan egin hau hori beste dela duen zuen ziren oso gero bere ditu baita edo',
  vi: 'của và các là có được trong cho không những với một người đã này để từ khi về như năm ra đến cũng theo tại',
};

/** Function words by language, for languages written in Cyrillic. */
export const CYRILLIC_PROFILES: Readonly<Record<string, string>> = {
  ru: 'и в не на что с по это как а он к из но за у от о для его же так все она было был только при мы они уже или быть бы до если также который которые году её их этого',
  uk: 'і в у на що з не та до це як а за по від його для але він вона було був також які який яка ще вже або при із щоб є про між їх році',
  be: 'і у на не што з па гэта як а да ад для яго але ён яна было быў таксама які якая ужо ці пры каб ёсць пра',
  bg: 'и на в да за се от с не е че по са това като но до ще си към той тя беше бъде който която които още след при във със има само',
  sr: 'и у на да је се за су од са не о из који која које то као али што би ће још само није смо сам био била било или када већ',
  mk: 'и на во да се за од со не е дека што ќе го ја тоа како но до кој која кои беше има само уште по при ги ние',
  kk: 'және мен бұл да де үшін бойынша деп бар жоқ болып осы оның соң ал емес',
};

/** Function words by language, for languages written in the Arabic alphabet (Persian and
 * Urdu spell with their own yeh and keheh, ی ک, where Arabic writes ي ك). */
export const ARABIC_PROFILES: Readonly<Record<string, string>> = {
  ar: 'في من على إلى أن التي الذي عن مع هذا هذه كان قد لا ما ذلك بين كما بعد أو إن حيث تم وقد وفي ولا قال أي لم عام',
  fa: 'و در به از که این را با است برای آن یک هم تا می شده بود شد نیز هر اما یا وی خود کرد کند دارد ای',
  ur: 'کے کی ہے میں اور سے کا کو نے ہیں یہ پر کہ تھا بھی ایک اس جو تھے گیا ہو لیے وہ کر',
};

/** Function words by language, for languages written in Devanagari. */
export const DEVANAGARI_PROFILES: Readonly<Record<string, string>> = {
  hi: 'के है में की और से को का एक पर यह भी ने हैं कि लिए था तो इस जो कर हो गया किया नहीं साथ',
  mr: 'आहे आणि या हे ते व मध्ये त्या करण्यात नाही आहेत होते केले पण तर म्हणून असे त्यांनी',
  ne: 'र छ को मा हो पनि यो गर्न भएको थियो छन् गरेको लागि तथा यस उनले',
};

/** Writing systems used by one language only (or one language of news above all others). */
export const SCRIPT_LANGUAGE: Readonly<Record<string, string>> = {
  greek: 'el',
  hebrew: 'he',
  thai: 'th',
  georgian: 'ka',
  armenian: 'hy',
  bengali: 'bn',
  gurmukhi: 'pa',
  gujarati: 'gu',
  oriya: 'or',
  tamil: 'ta',
  telugu: 'te',
  kannada: 'kn',
  malayalam: 'ml',
  sinhala: 'si',
  lao: 'lo',
  myanmar: 'my',
  khmer: 'km',
  ethiopic: 'am',
  hangul: 'ko',
};
