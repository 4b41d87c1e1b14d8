"""Cue words for event classification, written from ACLED's codebook definitions.

Each entry maps a phrase pattern to one or more (key, weight) pairs.  Keys are
either an ACLED sub-event type (direct evidence for it), a ``_none:*`` key
(evidence that the passage is not an incident: diplomacy, crime, disasters,
commentary, attribution), or an ``@feature`` that the classifier combines with
other features (a protest plus lethal force, an interception verb near a
drone, an actor near a capture verb).

Patterns are literal lowercase phrases with brace alternation: ``shell{,s,ed}``
expands to ``shell``, ``shells`` and ``shelled``.  Hyphens and slashes in the
text are read as spaces, so write ``air defence`` for "air-defence".
Where two phrases overlap, the longest wins ("suicide bomber" hides "bomber",
"riot police" hides "riot"), so phrases that change a word's meaning are
listed here as whole phrases.
"""

from __future__ import annotations

__all__ = ["CUES", "MODAL_PHRASES", "TARGETS", "WEAPONS", "cues_for", "expand", "phrases"]

Weights = tuple[tuple[str, float], ...]

AIR = "Air/drone strike"
SHELL = "Shelling/artillery/missile attack"
IED = "Remote explosive/landmine/IED"
SUICIDE = "Suicide bomb"
GRENADE = "Grenade"
CHEM = "Chemical weapon"
CLASH = "Armed clash"
GOV = "Government regains territory"
NSA = "Non-state actor overtakes territory"
SEX = "Sexual violence"
ATTACK = "Attack"
ABDUCT = "Abduction/forced disappearance"
PEACEFUL = "Peaceful protest"
INTERVENTION = "Protest with intervention"
EXCESSIVE = "Excessive force against protesters"
RIOT = "Violent demonstration"
MOB = "Mob violence"
AGREE = "Agreement"
ARREST = "Arrests"
CHANGE = "Change to group/activity"
DWU = "Disrupted weapons use"
HQ = "Headquarters or base established"
LOOT = "Looting/property destruction"
NVT = "Non-violent transfer of territory"
OTHER = "Other"

DIPLO = "_none:diplomacy"
ATTRIB = "_none:attribution"
CRIME = "_none:crime"
NATURAL = "_none:natural disaster"
MANMADE = "_none:man-made disaster"
COMMENT = "_none:commentary"
RETRO = "_none:retrospective"  # courts, inquiries, anniversaries; yields to a protest about them


def expand(pattern: str) -> list[str]:
    """All literal phrases a brace pattern stands for, the choices of the first brace
    varying slowest: ``a{b,c} {d,e}`` gives "ab d", "ab e", "ac d", "ac e"."""
    if "{" not in pattern:  # most patterns: one phrase
        return [" ".join(pattern.split())]
    head, _, rest = pattern.partition("{")
    choices, _, tail = rest.partition("}")
    return [p for choice in choices.split(",") for p in expand(head + choice + tail)]


def phrases(pattern: str) -> list[str]:
    """Every phrase of a "|"-separated list of brace patterns."""
    return [p for alt in pattern.split("|") for p in expand(alt)]


# (patterns separated by "|", then (key, weight) pairs)
_RAW: list[tuple[str, Weights]] = [
    # --- Explosions/Remote violence -------------------------------------------------
    (
        "air strike{,s}|airstrike{,s}|air raid{,s}|air attack{,s}|aerial attack{,s}|aerial bombardment|aerial bombing"
        "|aerial strike{,s}|air bombardment|bombing raid{,s}|air and artillery strike{,s}"
        "|drone strike{,s}|drone attack{,s}|drones strike{,s}|drones attack{,s}|uav strike{,s}|uav attack{,s}"
        "|kamikaze drone{,s}|loitering munition{,s}|suicide drone{,s}|attack drone{,s}|combat drone{,s}|fpv drone{,s}|fpv"
        "|warplane{,s}|war plane{,s}|fighter jet{,s}|fighter plane{,s}|military jet{,s}|military aircraft"
        "|helicopter gunship{,s}|gunship{,s}|barrel bomb{,s}|air force{,s} {struck,bombed,attacked,hit}"
        "|air forces|air force|aviation strike{,s}|carried out air|launched air|guided bomb{,s}|glide bomb{,s}"
        "|aerial bomb{,s}|dropped bomb{,s}|dropped explosives|dropped a bomb|dropped an explosive|sorties|air units|air bomb{,s}|drop{,ped} air bombs|air and rocket strike{,s}|air and missile strike{,s}|helicopter strike{,s}|aviation",
        ((AIR, 5.0),),
    ),
    (
        "jets|aircraft|helicopter{,s}|bombers|b 52{,s}|f 16{,s}|su 25|su 34|su 35|mig 29|plane{,s}|airplane{,s}|fighter jets|warplanes|warplane|ka 52|mi 8|mi 24|il 76|transport aircraft|fighter jet",
        ((AIR, 2.5), ("@manned", 1.0)),
    ),
    (
        "drone{,s}|uav{,s}|unmanned aerial vehicle{,s}|shahed{,s}|shahed 136{,s}|geran{,s}|lancet{,s}|quadcopter{,s}|bayraktar{,s}|orlan{,s}",
        ((AIR, 3.0), ("@aerial", 1.0)),
    ),
    ("bombed|bombing|bombings|bombard{ed,ment}", ((AIR, 1.5), (IED, 1.0), (SHELL, 1.0))),
    ("strike{,s}|striking|struck|hit by", ((AIR, 1.6), (SHELL, 1.4))),
    (
        "shell{,s,ed,ing,ings}|shellfire|shell fire|artillery|mortar{,s}|mortar fire|mortar shell{,s}|mortar round{,s}"
        "|howitzer{,s}|tank fire|tank shell{,s}|fired from tanks|grad|grads|grad rocket{,s}|uragan|smerch|himars|mlrs"
        "|multiple launch rocket{, system,systems}|multiple rocket launcher{,s}|rocket launcher{,s}|rocket fire"
        "|rocket attack{,s}|missile strike{,s}|missile attack{,s}|rocket strike{,s}|cruise missile{,s}|ballistic missile{,s}"
        "|iskander{,s}|kalibr{,s}|kh 101|kh 22|tochka|tochka u|s 300|s 300 missiles|artillery strike{,s}"
        "|heavy weapons|katyusha{,s}|naval bombardment|tank{,s} fired|cannon fire|fired shells|fired rockets"
        "|fired missiles|launched rockets|launched missiles|projectile{,s}|artillery fire|mortar attack{,s}|artillery attack{,s}|explosions involving|undetermined explosions|unidentified explosions|anti aircraft gun{,s}|anti aircraft missile{,s}",
        ((SHELL, 5.0),),
    ),
    ("rocket{,s}|missile{,s}", ((SHELL, 3.5), ("@aerial", 1.0), ("@weaponnoun", 1.0))),
    # named missiles and rockets can be intercepted too (the longest phrase hides "missile")
    (
        "cruise missile{,s}|ballistic missile{,s}|iskander{,s}|kalibr{,s}|kh 101|kh 22|tochka|tochka u|grad rocket{,s}"
        "|katyusha{,s}|projectile{,s}|s 300|s 300 missiles|anti aircraft missile{,s}",
        (("@aerial", 1.0),),
    ),
    # a launch that is a test: into the sea, no target
    (
        "test{,s}|tested|test fired|test launched|test fire|test launch{,es}|into the sea|into the ocean|sea of japan|east sea|splashed down|weapons test{,s}|missile test{,s}",
        (("@test", 1.0),),
    ),
    # the drone itself as the subject: "a drone targeted a car"
    (
        "drone{,s}|uav{,s}|unmanned aerial vehicle{,s}|shahed{,s}|kamikaze drone{,s}|attack drone{,s}|combat drone{,s}|quadcopter{,s}|bayraktar{,s}",
        (("@dronenoun", 1.0),),
    ),
    (
        "suicide bomb{,s,er,ers,ing,ings}|suicide attack{,s}|suicide attacker{,s}|suicide blast{,s}"
        "|suicide car bomb{,s,er,ers}|suicide truck bomb{,s}|suicide vest{,s}|explosive vest{,s}|explosives vest{,s}"
        "|suicide belt{,s}|blew himself up|blew herself up|blew themselves up|blown themselves up|blown himself up|blown herself up|blew up himself|detonated his explosive{,s}"
        "|detonated her explosive{,s}|self detonated|svbied{,s}|suicide bombing attack",
        ((SUICIDE, 7.0),),
    ),
    ("suicide", ((SUICIDE, 2.0),)),
    (
        "explosive laden|explosives laden|bomb laden|rigged with explosives|detonated himself|detonated herself|explosive belt{,s}"
        "|suicide squad|suicide mission|martyrdom operation|self detonat{ed,ing}|suicide car|suicide vehicle",
        ((SUICIDE, 6.5),),
    ),
    (
        "ied{,s}|improvised explosive{,s}|improvised explosive device{,s}|improvised bomb{,s}|roadside bomb{,s}"
        "|landmine{,s}|land mine{,s}|mine blast{,s}|mine explosion{,s}|stepped on a mine|anti personnel mine{,s}"
        "|anti tank mine{,s}|car bomb{,s,ing,ings}|bomb blast{,s}|bomb exploded|bomb went off|explosive device{,s}"
        "|booby trap{,s,ped}|sticky bomb{,s}|magnetic bomb{,s}|parcel bomb{,s}|letter bomb{,s}|pipe bomb{,s}"
        "|unexploded ordnance|unexploded|uxo|vbied{,s}|vehicle borne|remote controlled bomb{,s}|remotely detonated"
        "|detonated remotely|planted a bomb|planted bomb{,s}|planted explosives|tripwire|exploded on a mine"
        "|hit a mine|ran over a mine|time bomb{,s}|homemade bomb{,s}|motorcycle bomb{,s}|bicycle bomb{,s}|on a mine|on mines|on russian mines|by a mine|by a landmine|caused by a mine|mine exploded|mine detonated|ground mine{,s}|emplaced|detonated a device|detonated an explosive|detonated a bomb|detonated explosives|set up an explosion|explosive charge{,s}|explosive object{,s}|tripped a|activated an explosive|activated a mine|activated an unknown explosive",
        ((IED, 6.0),),
    ),
    (
        "bomb{,s}|explosive{,s}|explosion{,s}|blast{,s}|exploded|detonated|detonation|mine{,s}",
        ((IED, 3.0), ("@weaponnoun", 1.0)),
    ),
    ("went off", ((IED, 1.5),)),
    # sabotage: "blew up a gas metering station", "the bridge was blown up"
    ("blew up|blowing up|blown up|blow up", ((IED, 4.0), ("@damage", 1.0))),
    (
        "grenade{,s}|hand grenade{,s}|grenade attack{,s}|grenade blast{,s}|grenade explosion{,s}",
        ((GRENADE, 6.0), ("@weaponnoun", 1.0)),
    ),
    ("hurled a|lobbed a|threw a|tossed a", ((GRENADE, 0.8),)),
    (
        "chemical weapon{,s}|chemical attack{,s}|chemical agent{,s}|chlorine|sarin|mustard gas|nerve agent{,s}"
        "|nerve gas|poison gas|poisonous gas{,es}|gas attack{,s}|phosgene|chemical munition{,s}"
        "|chemical shell{,s}|chemical bomb{,s}|sulfur mustard|sulphur mustard|chlorine gas|chloropicrin|blister agent{,s}"
        "|mustard agent|chemical weapons attack|chemical munitions|white phosphorus|choking agent{,s}",
        ((CHEM, 7.0),),
    ),
    # what a gas does to people, or a toxic substance named without a weapon: also a leak's words
    (
        "toxic gas{,es}|toxic chemical{,s}|chemical substance{,s}|poisonous substance{,s}|toxic substance{,s}"
        "|chemical burns|foaming at the mouth|toxic cloud|yellow cloud|gas canister{,s}|signs of exposure|symptoms of exposure",
        ((CHEM, 4.0),),
    ),
    ("asphyxia|asphyxiation|suffocation|choking", ((CHEM, 2.5),)),
    (
        "{loaded,filled,laced,armed} with {toxic gas,poison gas,chemicals,chlorine,toxic chemicals,a toxic substance,toxic substances,chemical agents}",
        ((CHEM, 7.0),),
    ),
    # phrases that only look like weapons
    (
        "rocket propelled grenade{,s}|rpg{,s}|grenade launcher{,s}|small arms|small arms fire|machine gun{,s}"
        "|heavy machine gun{,s}|automatic weapons|sniper{,s}|sniper fire|anti tank missile{,s}|atgm{,s}|anti tank weapon{,s}|javelin{,s}",
        ((CLASH, 3.0), ("@weaponnoun", 1.0)),
    ),
    ("debris|shrapnel|fragments|wreckage", (("@debris", 1.0),)),
    (
        "ammunition depot{,s}|ammo depot{,s}|ammunition warehouse{,s}|ammunition dump{,s}|arms depot{,s}|weapons depot{,s}|weapon depot{,s}"
        "|fuel depot{,s}|oil depot{,s}|weapons storage|ammunition storage",
        (("@depot", 1.0),),
    ),
    (
        "claimed responsibility|claim responsibility|claims responsibility|claiming responsibility|claimed the attack"
        "|claimed the bombing|accepted responsibility|took responsibility|blamed for the attack|was behind the attack",
        ((ATTRIB, 6.0),),
    ),
    (
        "tear gas|teargas|stun grenade{,s}|smoke grenade{,s}|flash bang{,s}|rubber bullet{,s}|water cannon{,s}|pepper spray|baton{,s}|baton charge{,d}|lathi charge{,d}|lathicharge{,d}",
        (("@intervene", 4.0),),
    ),
    ("riot police|anti riot police|riot squad", (("@intervene", 2.0),)),
    # crowd-control weapons are used on crowds that turned violent more often than on peaceful ones
    (
        "tear gas|teargas|rubber bullet{,s}|water cannon{,s}|stun grenade{,s}|pellet{,s}|rubber coated",
        (("@riot", 3.0),),
    ),
    # --- Battles ----------------------------------------------------------------------
    (
        "clash{,ed,es,ing}|gun battle{,s}|gunbattle{,s}|firefight{,s}|fire fight{,s}|exchange of fire|exchanged fire"
        "|fire exchange|exchanging fire|shootout{,s}|shoot out|skirmish{,es}|armed confrontation{,s}|engaged in combat"
        "|heavy fighting|fierce fighting|fought|ambush{,ed,es}|repelled|repulsed|repel|repulse|counterattack{,s,ed}"
        "|counter attack{,s,ed}|counteroffensive{,s}|counter offensive{,s}|attack on the positions|attacked the positions"
        "|attacked positions|attack on positions|assault on the positions|stormed the positions|unsuccessful offensive"
        "|unsuccessful attack|attempted to advance|tried to advance|attempt to advance|offensive actions|assault actions"
        "|ground attack{,s}|ground assault{,s}|fierce battle{,s}|heavy battle{,s}|battle raged|pitched battle{,s}|armed clash{,es}|gunfight{,s}|exchanged artillery|exchanged fire|shelled each other|fired back|responded with fire|returned fire|returning fire|fire back|ground and air forces|captured some positions|captured positions|captured several positions|captured the positions|seized positions|offensive operation{,s}|assaulted|exchanged artillery fire|exchanged artillery strikes|exchanged artillery attacks",
        ((CLASH, 5.0),),
    ),
    (
        "fighting|engaged|offensive|assault{,s,ed}|combat|defeat{,ed}|gunfire|fired at|fire on|opened fire",
        ((CLASH, 2.0),),
    ),
    ("battle{,s,d}|battling", ((CLASH, 3.0),)),
    (
        "ceasefire violation{,s}|violated the ceasefire|violating the ceasefire|violation of the ceasefire|violated ceasefire"
        "|cross border firing|unprovoked firing|exchange of firing|infiltration bid{,s}|infiltration attempt{,s}|foiled an infiltration",
        ((CLASH, 6.5),),
    ),
    ("strafed|strafing", ((AIR, 5.5),)),
    # coalition "raids" in Syria, Yemen and Iraq reports are air raids
    (
        "coalition raid{,s}|coalition strike{,s}|coalition air strike{,s}|coalition warplanes|coalition aircraft|coalition jets"
        "|air campaign|bombing campaign|aerial campaign|carpet bombing|bombed from the air|pounded from the air",
        ((AIR, 5.5),),
    ),
    (
        "secured the {town,city,village,district,region}|secured control of",
        (("@capture", 4.0),),
    ),
    (
        "mop up operation{,s}|mopping up|mopped up|cleared the {district,region,province,road,highway,forest} of",
        (("@retake", 5.0),),
    ),
    (
        "in exchange for|in return for the release|prisoner release|prisoners were released|were released in exchange|handed over the bodies",
        ((AGREE, 6.0),),
    ),
    (
        "unilateral ceasefire|unilateral truce|unilaterally suspended|unilaterally halted|banned the|was banned|were banned|outlawed|proscribed|designated as a terrorist|designated a terrorist|declared a terrorist"
        "|lifted the ban|ban on the group|dissolved the",
        ((CHANGE, 4.5),),
    ),
    (
        "encounter{,s}|gunfight|exchange of gunfire|neutrali{s,z}ed|security operation|counter terrorism operation|counterterrorism operation"
        "|clearance operation|fighting broke out|clashes erupted|heavy clashes|killed in clashes|killed in fighting|engaged the",
        ((CLASH, 4.5),),
    ),
    ("attack{,s,ed}|raid{,s,ed}|stormed|storming", (("@attackverb", 1.0), (CLASH, 1.2))),
    (
        "killed|shot|gunned down|shot dead|murdered|opened fire on|fired on|fired at|shot at|targeted|attacking|opened fire|killing|stormed",
        (("@attackverb", 1.0),),
    ),
    # territory: capture (actor decides the type), retake (government by default)
    (
        "captured|seized control|took control|taken control|take control|gained control|established control"
        "|overran|overrun|overtook|fell to|fallen to|took over|seized the|seize the|seizing the|capturing|taking control|gained ground|making advances"
        "|significant advances|rapid advances|major advances|advanced into|advanced to|pushed into|broke into|pushed their way into"
        "|capture of|captures|seizure of the town|seizure of the city|taken over|have taken over|has taken over|took over control|took over|taking over|fell into the hands of|fallen into the hands of",
        (("@capture", 4.0),),
    ),
    (
        "advance{,s,d}|seized|seize|control over|entered the|entered|made advances|making advances",
        (("@capture", 1.5),),
    ),
    (
        "non violent|nonviolent|rebel held|militant held|isis held|opposition held|rebel controlled|taliban controlled|separatist held|government held|government controlled",
        (("@neutral", 0.0),),
    ),
    (
        "recaptured|recapture{,s}|retook|retake{,n}|regained control|regained|regain control|reclaimed|liberated"
        "|liberation of|took back|back under the control|back under control|newly captured|freed the town"
        "|freed the village|freed the city|purging|cleared the area|cleared the village|cleared the town|recapturing|seized back|recovered control|took full control|retook control|took complete control|regained full control|re took|re captured|drove back|drove out|expelled"
        "|wrested control|wrested back|flushed out|dislodged|pushed out|reasserted control|restored control|restored government control"
        "|brought under control|brought back under|regain control|regaining control|won back|cleared of militants|cleared of terrorists"
        "|reconquered|recaptur{ing,ed}|retaking|liberat{e,es,ing}|freed from|cleared of rebels|cleared of insurgents|regains|regained control of",
        (("@retake", 5.0),),
    ),
    # actors
    (
        "army|government forces|government troops|security forces|military|soldiers|troops|national army"
        # state forces by their usual names and acronyms
        "|syrian arab army|saa|tatmadaw|fardc|andsf|afghan forces|idf|peshmerga|iraqi forces|isf"
        "|somali national army|sna|amisom|mnjtf|frontier corps|gendarmerie|gendarmes|crpf|bsf|assam rifles|jawans"
        "|armed forces|regime forces|federal forces|loyalist{,s}|pro government|paramilitary|police|policemen"
        "|special forces|state forces|defence forces|defense forces|military forces|marines|national guard|border guard{,s}|servicemen"
        "|forces|units|commandos|military units|army units",
        (("@state", 1.0),),
    ),
    (
        "militant{,s}|rebel{,s}|insurgent{,s}|isis|isil|islamic state|daesh|taliban|al shabaab|al shabab|shabaab"
        # armed groups by their usual names
        "|jnim|isgs|adf|m23|codeco|fdlr|mai mai|ambazonian{,s}|amba fighters|arakan army|tnla|people's defence force"
        "|naxal{,s}|naxalite{,s}|maoist{,s}|ulfa|nscn|hizbul|lashkar|jaish|ttp|tehreek|bla|free syrian army|fsa|ahrar"
        "|hezbollah|hamas|aqap|aqim|ansar|ansar al sharia|janjaweed|anti balaka|seleka|ex seleka|rsf"
        "|boko haram|jihadist{,s}|terrorist{,s}|extremist{,s}|gunmen|armed group{,s}|militia{,s,men}|separatist{,s}"
        "|guerrilla{,s}|bandit{,s}|sdf|ypg|pkk|houthi{,s}|ansarullah|hts|nusra|al qaeda|haftar|opposition forces"
        "|opposition fighters|dpr|lpr|naf|partisan{,s}|iswap|al nusra|fighters|jihadi{,s}|insurgency|mujahidin|mujahideen",
        (("@nonstate", 1.0),),
    ),
    ("russian|russia's|russia", (("@russian", 1.0),)),
    ("ukrainian|ukraine's|ukraine", (("@ukrainian", 1.0),)),
    (
        "kursk|belgorod|bryansk|sudzha|moscow|rostov|voronezh|krasnodar|tuapse|novorossiysk|kremlin|russian territory"
        "|russian region{,s}|oryol|lipetsk|tambov|kaluga|smolensk|tula|ryazan|saratov|engels",
        (("@ru_place", 1.0),),
    ),
    (
        "donetsk|luhansk|lugansk|kharkiv|kherson|zaporizhzhia|zaporizhia|zaporozhye|mykolaiv|sumy|chernihiv|kyiv|kiev"
        "|odesa|odessa|dnipro|dnipropetrovsk|poltava|izium|bakhmut|avdiivka|mariupol|melitopol|donbas|donbass",
        (("@ua_place", 1.0),),
    ),
    # --- Violence against civilians ----------------------------------------------------
    (
        "rape{,d,s}|raping|gang rape{,d,s}|gang raped|sexual violence|sexually assaulted|sexual assault{,s}"
        "|sexually abused|sexually abus{e,es,ing}|sexually assault{,s,ing}|sexual abuse|sexual harassment|indecent assault|sexual slavery|sex slave{,s}|molested|molestation|sexual exploitation|sexually harassed|abused women|abused girls|abusing women|abusing girls",
        ((SEX, 8.0),),
    ),
    (
        "abduct{,s,ed,ing,ion,ions}|kidnap{,s,ped,ping,pings}|taken hostage|took hostage|held hostage"
        "|forcibly disappeared|forced disappearance{,s}|enforced disappearance{,s}|forcefully transferred"
        "|forcibly transferred|forcibly deported|held captive|taken captive|whereabouts unknown|whereabouts remain unknown"
        "|abductee{,s}|kidnapper{,s}|were taken away|was taken away|snatched|held for ransom|abductors|missing since"
        "|taken to an unknown|unknown location|incommunicado|hostage taking|hijack{,ed,ing,ers}|hostage takers"
        "|not been seen since|not been heard from|unaccounted for|picked up by|whisked away|bundled into|seized by gunmen|taken by gunmen|forcibly taken",
        ((ABDUCT, 7.0),),
    ),
    ("hostage{,s}|captive{,s}|went missing|deported|disappeared", ((ABDUCT, 2.5),)),
    (
        "massacre{,d,s}|beheaded|beheading{,s}|executed|execution{,s}|summary execution{,s}|assassinat{ed,ion,e}"
        "|hacked to death|burnt alive|burned alive|stabbed to death|shot dead|gunned down|killed civilians"
        "|killing civilians|attacked civilians|attacked villagers|tortured|torture|mock execution|beat to death"
        "|beaten to death|murdered|fired at civilians|shot a civilian|shot civilians|shot a local|shot a resident"
        "|killed a civilian|killed two civilians|killed a local|ran over|opened fire on civilians|civilians were shot",
        ((ATTACK, 4.5),),
    ),
    (
        "stabbed|hacked|machete{,s}|gunman|gunmen|unidentified armed men|armed men|assailants|attackers",
        ((ATTACK, 2.0), ("@assailant", 1.0)),
    ),
    (
        "civilian{,s}|villager{,s}|resident{,s}|passenger{,s}|farmer{,s}|worshipper{,s}|worshiper{,s}|journalist{,s}"
        "|doctor{,s}|teacher{,s}|children|child|women|woman|family|families|pilgrims|shoppers|local residents"
        "|people|man|men|girl{,s}|boy{,s}|student{,s}|aid worker{,s}|humanitarian|village{,s}|market|church"
        "|mosque|school|hospital|worker{,s}|locals|elderly|priest|imam|chief|traders|herders|fishermen|driver{,s}|employee{,s}"
        "|official{,s}|volunteer{,s}|activist{,s}|lawyer{,s}|businessman|businessmen|trader{,s}|rescuer{,s}|medic{,s}|nurse{,s}|hotel|restaurant|campus|college|dormitor{y,ies}|bus"
        "|marketplace|wedding|funeral|displaced people|refugee{,s}|pedestrian{,s}|shepherd{,s}|teenager{,s}|minor{,s}",
        (("@civilian", 1.0),),
    ),
    # --- Protests and riots ----------------------------------------------------------
    (
        "protest{,s,ed,ing,er,ers,or,ors}|demonstrat{ion,ions,or,ors,ed,ing}|demonstrators|rally|rallies|rallied"
        "|protest march{,es}|marched|took to the streets|take to the streets|taking to the streets|sit in{,s}"
        "|sit down protest|staged a protest|staged protests|staged a demonstration|staged a rally|staged rallies|human chain{,s}|picket{,s,ed,ing}|went on strike|on strike|general strike|hunger strike{,s}"
        "|strikers|walkout|walk out|walked out|stage a protest|chanted|chanting|slogans|placards|banners"
        "|vigil{,s}|march{,es} {against,for,to,through,in}|marcher{,s}|a march|the march|protest marches|demo|demos|peaceful march{,es}|protest action{,s}|[size",
        (("@protest", 4.0),),
    ),
    (
        "gathered|activists|campaigners|boycott{,s,ed}|petition{,s}|blocked the road|blocked roads|road blockade{,s}|roadblocks",
        (("@protest", 1.5),),
    ),
    (
        "dispers{e,ed,ing}|broke up|broken up|cracked down|crackdown|crack down|suppressed|suppress|intervened"
        "|detained|arrested|dragged|prevented|blocked|forcibly removed|removed|evicted|cleared the square|cleared the streets|cleared the protest camp|charged at|chased away|pushed back|kettled|cordoned|drag them|dragged away|drag away|removed the protesters"
        # force short of lethal: ACLED keeps "excessive force" for killing or grave injury
        "|break up|breaking up|broke up|to disperse|used force|use of force|using force|beat{,en}|beating"
        "|manhandled|roughed up|into custody|took away|taken away|stopped the {march,rally,protest,demonstration,protesters,marchers}"
        "|halted the {march,rally,protest,demonstration}|not allowed|denied permission|barred",
        (("@intervene", 2.5),),
    ),
    (
        "live ammunition|live rounds|live fire|opened fire|killed|shot dead|fatally shot|bullets|died|die|deaths|dead"
        "|violently|brutally|brutal|massacre{,d}|injur{ed,ing,ies}|wounded|crushed|lethal force"
        "|excessive force|fired on|shot at|opened fire on|killing|shooting|shot|fired at|gunfire|fatalities",
        (("@lethal", 2.0),),
    ),
    (
        "riot{,s,ed,ing,ers}|rioter{,s}|threw stones|throwing stones|hurled stones|hurling stones|stone pelting"
        "|pelted|stone throwing|threw rocks|throwing rocks|petrol bomb{,s}|molotov{,s}|molotov cocktail{,s}"
        "|torched|set fire|set ablaze|set alight|set on fire|burning tyres|burning tires|burned tyres|burned tires"
        "|burnt tyres|vandali{s,z}ed|vandalism|ransacked|smashed|clashed with police|clashed with security"
        "|clashes with police|clashes with security|clashes between protesters|violent protest{,s}|violent demonstration{,s}"
        "|attacked police|attacked the police|pelting|stormed|turned violent|scuffle{,d,s}|threw objects"
        "|confronted police|confronting police|hurled rocks|hurling rocks|rocks at|stones at|threw fireworks"
        "|throwing fireworks|rioted|violence|deadly violence|fought with police|fought police|injuring police"
        "|rampage{,d}|went on the rampage|barricades|burning barricades|smashed windows|chaos|mayhem|street battles|running battles"
        "|fireworks at|throwing bottles|threw bottles|firebombs|fire bombs|arson|pelted stones|stone pelters|throwing bricks|threw bricks"
        "|set fire to|torching|vandalising|vandalizing|looted|looting|violent clashes|violent protesters|unruly|hooligans"
        # police hurt by a crowd: the crowd was violent
        "|{policemen,police officers,officers,police,security personnel} were {injured,wounded,hurt}|injur{ed,ing} {policemen,police officers,officers,several policemen,several officers}"
        "|turned on the police|turned on them|broke through|clashed with the police|clashed with riot police|clashes with the police|clashed with anti riot police",
        (("@riot", 4.0),),
    ),
    (
        "riot{,s}|rioting|rioted|rioter{,s}|violent protest{,s}|violent demonstration{,s}|turned violent|clashed with police|confronted police"
        "|threw stones at police|pelted police|petrol bombs|molotov cocktails|clashes with police",
        ((RIOT, 4.5), ("@riot", 4.0)),
    ),
    ("police violence|police brutality", (("@protest", 1.5),)),
    # protesters' violence beyond the stock phrases: objects thrown, gates forced, property damaged
    (
        "{hurled,hurling,threw,throwing,pelted,pelting,lobbed} {stones,rocks,bricks,bottles,eggs,objects,projectiles,firecrackers,brickbats,shoes}"
        "|{stones,rocks,bricks,bottles,brickbats} were {thrown,hurled}|brickbats|forced their way|barged into|broke the gate{,s}"
        "|broke down the gate{,s}|broke open the|damaged public property|damaging public property|damaged vehicles|damaging vehicles"
        "|clashed with counter protesters|clashed with rival|forced shops to close|forcibly shut",
        (("@riot", 4.0),),
    ),
    # state action short of grave harm against a gathering
    (
        "preventive custody|preventive detention|were booked|booked under|taken into custody|pepper sprayed|stun gun{,s}|taser{,s}"
        "|cane charge{,d}|police cordon|cordoned off|hosed|shoved|pushed away|forcibly dispersed|forcefully dispersed|forcibly evicted|held back",
        (("@intervene", 2.5),),
    ),
    # South Asian and other local words for a protest, a sit-in, a strike or a shutdown
    (
        "dharna{,s}|bandh|hartal{,s}|gherao{,ed}|agitation{,s}|agitating|agitated|rasta roko|rail roko|chakka jam"
        "|candlelight march{,es}|candle march{,es}|torch rally|effigy|effigies|raised slogans|raising slogans|shouted slogans"
        "|black flags|black bands|black badges|submitted a memorandum|shutdown strike|strike action|walked off the job",
        (("@protest", 4.0),),
    ),
    # a protest against a disaster or its restrictions is still a protest
    (
        "anti lockdown|anti vaccine|anti mask|against the lockdown|lockdown protest{,s}",
        (("@protest", 4.0),),
    ),
    (
        "stopped the {march,rally,protest,demonstration,protesters,marchers}|halted the {march,rally,protest,demonstration}",
        (("@protest", 4.0),),
    ),
    (
        "attacked a peaceful rally|attacked the rally|attacked protesters|attacked demonstrators|attacked the protesters|attacked a rally"
        "|attacked the demonstrators|attacked a protest|attacked a demonstration|attacked the march|attacked marchers",
        (("@attackprotest", 1.0), ("@protest", 4.0)),
    ),
    (
        "mob{,s}|lynch{,ed,es,ing,ings}|angry crowd{,s}|irate|jungle justice"
        "|mob justice|communal clash{,es}|communal violence|sectarian clash{,es}|ethnic clash{,es}|angry residents"
        "|angry villagers|enraged|crowd attacked|youths attacked|mob attack{,s}|inter communal|intercommunal"
        "|between two communities|between the two communities|between rival communities|set upon|mobbed|lynch mob|beaten by a crowd|beaten by villagers|beaten by residents|two communities|rival communities|rival villages|communal",
        ((MOB, 5.0),),
    ),
    # an unorganised crowd as the subject of violence is mob violence (see combine.pairs)
    (
        "crowd{,s}|villagers|residents|youths|locals|mob|group of youths|group of villagers|community members"
        "|onlookers|passers by|angry residents|angry villagers|angry crowd{,s}|worshippers|students|supporters",
        (("@crowd", 1.0),),
    ),
    (
        "beat|beaten|beat up|beat to death|beaten to death|lynched|set upon|assaulted|attacked|burned|burnt"
        "|stoned|stoned to death|pelted|torched|hacked|killed|chased|attacking|beating|lynching|clashed",
        (("@violentact", 1.0),),
    ),
    # --- Strategic developments -------------------------------------------------------
    (
        "ceasefire agreement|cease fire agreement|peace deal|peace agreement|peace accord{,s}|prisoner exchange{,s}"
        "|prisoner swap{,s}|exchange of prisoners|swap of prisoners|prisoners were swapped|reached an agreement"
        "|signed an agreement|signed a deal|signed a peace|signed the agreement|agreed on a ceasefire|agreed to a ceasefire"
        "|agreed to a truce|truce agreement|laid down their arms|laid down arms|lay down arms|exchanged prisoners"
        "|swapped prisoners|bodies exchange|exchange of bodies|memorandum of understanding|evacuation agreement"
        "|handed over their weapons|surrendered their weapons|exchange process|prisoners of war exchange|pow exchange|prisoner release deal"
        "|ceasefire came into effect|ceasefire took effect|truce took effect|truce came into effect|reached a deal|struck a deal"
        "|peace pact|released prisoners|freed prisoners|hostages were released|released hostages|release of prisoners|signed a ceasefire"
        "|signed a truce|agreed to end|agreed to stop|agreed to withdraw|ceasefire deal|truce deal|brokered a",
        ((AGREE, 7.0),),
    ),
    (
        "truce|ceasefire|cease fire|armistice|surrender{,ed,s}|agreement|accord|signed|swapped|exchanged|reconciliation deal|deal",
        ((AGREE, 2.5),),
    ),
    (
        "arrest{,ed,s}|detain{,ed,s}|detention{,s}|taken into custody|took into custody|in custody|apprehended"
        "|apprehend|nabbed|rounded up|held for questioning|detained for questioning|remanded"
        "|placed under arrest|under house arrest|captured alive|taken prisoner",
        ((ARREST, 4.5),),
    ),
    # a court's sentence is not an arrest, though a jailed activist may be news of one
    ("jailed|imprisoned|sentenced|convicted", ((ARREST, 2.5),)),
    # a suspect handed to the police or the courts, not territory handed over
    (
        "handed over to {the police,police,prosecutors,the prosecutors,the authorities,authorities,the court,investigators,the investigators}"
        "|handed him over to {the police,police}|handed them over to {the police,police}|was picked up|were picked up",
        ((ARREST, 3.5),),
    ),
    ("raids|manhunt|warrants|charged with|suspect{,s}|custody", ((ARREST, 1.0),)),
    # the state taking a person in: ACLED codes arrests of political or conflict interest
    (
        "handcuffed|police custody|judicial custody|taken in for questioning|taken to the police station"
        "|held by police|held by the police|held by security forces|were booked|was booked|booked under|booked for",
        ((ARREST, 4.5),),
    ),
    ("caught", ((ARREST, 3.0),)),
    (
        "in connection with|for allegedly|for his alleged|for her alleged|for their alleged",
        ((ARREST, 1.5),),
    ),
    ("according to|quoted|citing|told reporters", (("@source", 1.0),)),
    (
        "vigilante{,s}|vigilante group{,s}|vigilante operatives|vigilantes group|local vigilante{,s}|hunters group",
        ((MOB, 6.0),),
    ),
    (
        "patrol{,s}|convoy{,s}|checkpoint{,s}|positions|outpost{,s}|barracks|military base|military camp|army base|police station|police post|troops|soldiers|militiamen|fighters|forces",
        (("@armedtarget", 1.0),),
    ),
    (
        "shot down|shoot down|shooting down|downed|intercept{,ed,s,ing,ion,ions}|destroyed in the air|destroyed in the sky"
        "|neutralized|neutralised|electronic warfare",
        (("@intercept", 2.0),),
    ),
    (
        "air defen{c,s}e{,s}|air defen{c,s}e system{,s}|anti aircraft defen{c,s}e{,s}|air defense forces|air defence forces"
        "|air defense units|air defence units|anti aircraft",
        (("@intercept", 3.0),),
    ),
    (
        "defused|defuse{,d}|diffused the|defusing|bomb disposal|bomb squad|disarmed the|demining|de mining|mine clearance"
        "|cleared of mines|cleared from mines|cleared the area of mines|weapons cache{,s}|arms cache{,s}|ammunition cache{,s}"
        "|cache of weapons|cache of arms|cache of ammunition|arms depot{,s} found|weapons seizure|seized weapons"
        "|seized arms|seized ammunition|seized explosives|weapons were seized|arms were seized|recovered weapons"
        "|recovered explosives|recovered arms|foiled an attack|foiled a|thwarted an attack|thwarted a|foiled|thwarted"
        "|was prevented|were prevented|was foiled|were foiled|was thwarted|were thwarted|was averted|were averted"
        "|accidentally detonated|accidentally exploded|accidentally activated|prematurely detonated|premature detonation"
        "|while assembling|while planting|while making a bomb|bomb making|explosives were found|ammunition were seized"
        "|explosives were recovered|unearthed|destroyed the weapons|cache{,s} of|caches containing|were intercepted by"
        "|controlled explosion|rendered safe|was defused|were defused|detected and defused|found a bomb|bomb was found"
        "|exploded prematurely|detonated prematurely|went off prematurely|while handling|while manufacturing|were making|was making|were assembling|was assembling|while preparing|discovered and destroyed|found and destroyed|located and destroyed|uncovered and destroyed|deminers|deminer|sappers|cleared mines|cleared landmines|removed mines|mines were cleared|mine clearing|disposal team|disposal unit|neutralised an explosive|neutralized an explosive"
        "|explosives were found|arms haul|weapons haul|haul of weapons|haul of arms|anti drone|drone was jammed|jammed",
        ((DWU, 6.0),),
    ),
    (
        "suspicious {object,objects,package,packages,device,devices,bag,bags,item}|made safe|safely detonated|controlled detonation"
        "|bomb factory|explosives factory|bomb making factory|ied factory|arms factory|consignment of {arms,weapons,explosives,ammunition}"
        "|arms consignment|weapons consignment|arms haul|recovered from the hideout|unexploded shell{,s}|unexploded bomb{,s}|unexploded device{,s}",
        ((DWU, 5.5),),
    ),
    (
        "cache{,s}|ammunition|ammunitions|munitions|firearms|rifles|rifle|pistol|ak 47{,s}|kalashnikov{,s}|magazines|rounds|cartridges|detonating cord|gelatin sticks|ammonium nitrate"
        "|weapons|weapon|arms|guns|explosives|ieds|ammo|grenades|detonators|tnt|ied|landmines|mortars|rpgs|pistols|machine guns|explosive devices",
        (("@weaponnoun", 1.0),),
    ),
    (
        "seized|confiscated|recovered|found|discovered|destroyed|impounded|uncovered|dismantled|intercepted|seizure of|seize|seizing",
        (("@seize", 1.0),),
    ),
    (
        "destroyed|destroying|burned|burnt|torched|set ablaze|set alight|razed|vandali{s,z}ed|demolished|damaged|set on fire|set fire to|burned down|burnt down|ransacked",
        (("@damage", 1.0),),
    ),
    (
        "struck|hit|bombed|fired|targeted|pounded|attacked|destroyed|destroying|killed|strikes on|struck at|fired on|fired at|opened fire on",
        (("@hitverb", 1.0),),
    ),
    (
        "tank{,s}|column|armo{,u}red vehicle{,s}|armo{,u}red personnel carrier{,s}|apc{,s}|ifv{,s}|military equipment|equipment"
        "|military convoy{,s}|convoy{,s}|military vehicle{,s}|personnel concentration|concentration area{,s}|command post{,s}|radar{,s}",
        (("@milvehicle", 1.0),),
    ),
    (
        "established|set up|setting up|build|built|building|constructed|construct{,ing}|created|opened|establish{,ing,es}|erected",
        (("@establish", 1.0),),
    ),
    (
        "base|bases|military base|headquarters|observation point{,s}|observation post{,s}|outpost{,s}|camp{,s}"
        "|checkpoint{,s}|garrison|office|offices|military post{,s}|positions|command post|airbase|air base|post",
        (("@basenoun", 1.0),),
    ),
    (
        "observation point{,s}|observation post{,s}|new base|new military base|new headquarters",
        ((HQ, 3.5),),
    ),
    (
        "additional troops|more troops|extra troops|fresh troops|to reinforce|reinforce{,d,s}|reinforcing|beefed up|bolster{,ed,ing}|stepped up security|heightened security"
        "|replaced by|was replaced|has been replaced|had been replaced|named as|elected as|new head|took over leadership|leadership of the|joined the ranks"
        "|pledged allegiance|pledge allegiance|merged with|merged|merging|merger|coalition|formed a coalition|new alliance|defected|defection{,s}|new leader|new commander"
        "|appointed|formation of|formed a|formed the|formed an|was formed|were formed|disbanded|dissolved|dispatched"
        "|reinforcement{,s}|mobili{s,z}{ed,ation}|recruit{,ed,ing,ment,s}|conscription|military convoy{,s}|convoy{,s}"
        "|buildup|build up|massing|amassed|relocated|redeployed|redeployment|sent troops|troops were deployed|deployed troops"
        "|sent reinforcements|troop movement{,s}|launched an operation|launched a military operation|military operation"
        "|joined the|split from|splinter|announced the formation|rebranded|renamed|kick off|preparing for|prepared to launch"
        "|joined forces|alliance|new group|announced the creation|announced the establishment of|created a new|new faction|faction"
        "|named a new|elected a new|took over as|took command|new chief|successor|appointed as|sworn in"
        "|waiting for|readiness|state of emergency|martial law|curfew|military exercise{,s}|drill{,s}|new unit",
        ((CHANGE, 3.0),),
    ),
    ("deployed|deployment", ((CHANGE, 1.5),)),
    (
        "loot{,s,ed,ing,ers}|plunder{,ed,ing}|pillag{e,ed,ing}|ransacked"
        "|property destruction|destruction of property|destruction of government propert{y,ies}|destroyed property"
        "|demolish{ed,ing}|demolition{,s}|bulldoz{ed,ing}|confiscated|expropriat{ed,ion}|land seizure|seized land"
        "|seized property|seized homes|seized houses|took over the land|took over land|took over farms|took over the farms|arson attack{,s}"
        "|burned houses|burnt houses|burned homes|burnt homes|torched houses|torched homes|set houses on fire"
        "|houses were burned|homes were burned|shops were burned|burned down|burnt down|razed|set on fire|torched",
        ((LOOT, 4.5),),
    ),
    ("stole|stolen|steal{,ing}|theft{,s}|exported", ((LOOT, 3.0),)),
    (
        "set fire to|set ablaze|set alight|desecrat{ed,ing,ion}|defaced|uprooted|destroyed crops|burned crops|burnt crops"
        "|damaged property|damaging property|arson",
        ((LOOT, 4.5),),
    ),
    (
        "property|properties|shops|houses|homes|vehicles|cars|businesses|stores|buildings|building|shop|house|home|school{,s}|temple{,s}|statue{,s}|monument{,s}|office{,s}|church{,es}|mosque{,s}|crops|farms|huts",
        (("@property", 1.0),),
    ),
    (
        "withdrew|withdrawn|withdrawal|withdraw{,ing,s}|pulled out|pull out|pullout|pulled back|left their positions"
        "|left the positions|abandoned their positions|departed from|evacuation deal|handed over control|handover of"
        "|handed over the|without a fight|without resistance|unopposed|without fighting|took control after|crossed into"
        "|entered the town|entered the city|entered the village|began leaving|retreated from|retreat of|departure of|handed authority"
        "|handed over authority|transferred control|transfer of control|handed control|departed from their positions|leaving their positions"
        "|was transferred to|were transferred to|handed over to|handed it over|handed them over|ceded|ceding|handover|hand over|vacated|evacuated their positions|left the town|left the city|left the area",
        ((NVT, 4.0), ("@withdraw", 1.0)),
    ),
    ("retreated|retreat", ((NVT, 1.0), ("@withdraw", 1.0))),
    (
        "evacuated|evacuation|displaced|displacement|fled|refugees|mass grave{,s}|exhumed|exhumation|bodies were found"
        "|missile test{,s}|test launch{,es}|test fired|test firing|weapons test{,s}|nuclear test{,s}|ballistic missile test{,s}"
        "|missile launch{,es}|missile development|missile program{,me,s}|ballistic missile development|the launch"
        "|found dead|bodies of|corpses|bodies were discovered|found the bodies|discovered the bodies|bodies found",
        ((OTHER, 2.5),),
    ),
    (
        "test fired|test launched|test fire{,s}|test launch{,es}|missile test{,s}|weapons test{,s}|tested a new",
        ((OTHER, 6.5),),
    ),
    # --- A second round of wire and national-paper phrasings --------------------------
    # battles named by their outcome: "died in fighting with the Clan del Golfo"
    (
        "died in fighting|died in clashes|killed in a gunfight|in fighting with|in clashes with",
        ((CLASH, 5.0),),
    ),
    # a group reporting its own capture: "the separatists said they had seized the area"
    # ("said they had seized" is left out: police say that of weapons and drugs)
    (
        "said {they,it} had {captured,taken,taken over,overrun,overran}"
        "|said {they,it} {seized,captured,took,took over,overran}",
        (("@capture", 4.0), ("@seize", 1.0)),
    ),
    # a building turned into a base: "turned a school into a military barracks"
    (
        "into a {military base,military barracks,barracks,military camp,military post,headquarters,command post,command centre,command center,training camp,military position}"
        "|into military barracks|into their headquarters|into its headquarters|into a base for",
        ((HQ, 5.0),),
    ),
    ("detachment{,s}|military detachment{,s}|command centre|command center", (("@basenoun", 1.0),)),
    ("inaugurated|opened a new|set up a new", (("@establish", 1.0),)),
    # a truce agreed in so many words
    (
        "cessation of hostilities|agreed to {a,an} {permanent ,temporary ,humanitarian ,week long ,two week ,three day ,72 hour ,unconditional ,nationwide ,lasting ,}{ceasefire,truce,cessation of hostilities,peace deal}",
        ((AGREE, 7.0),),
    ),
    # a group ending its own truce or ordering a new campaign
    (
        "ended its ceasefire|ended the ceasefire|called off its ceasefire|called off the ceasefire|ended its truce"
        "|broke off the truce|ordered its fighters|ordered their fighters"
        "|newly {formed,created,established} {group,militia,vigilante group,armed group,faction,alliance,coalition,unit,brigade,force,wing}",
        ((CHANGE, 6.0),),
    ),
    # property destroyed by an armed group, outside battle
    (
        "blew up the {house,home,houses,homes} of|blew up {houses,homes}|dynamited|making off with|carting away|carrying away",
        ((LOOT, 5.0),),
    ),
    (
        "mast{,s}|telecom mast{,s}|telecoms mast{,s}|telecommunication mast{,s}|pylon{,s}|excavator{,s}|bulldozer{,s}"
        "|health centre|health center|clinic|granaries|food stores|machinery",
        (("@property", 1.0),),
    ),
    # crowds that fight with what comes to hand are no organised armed group
    (
        "{with,armed with,wielding} {stones,sticks,clubs,stones and sticks,sticks and stones,clubs and stones,sticks and clubs,machetes and clubs,iron rods,bricks}",
        (
            (MOB, 2.0),
        ),  # below the threshold alone: it lifts a mob over a "clash" (combine.precedence)
    ),
    ("attacked each other|fought each other|clashed with each other", ((MOB, 5.5),)),
    (
        "rival supporters|rival fans|football fans|supporters of rival|fans of rival|supporters of two rival|supporters of the two",
        ((MOB, 2.0), ("@crowd", 1.0)),
    ),
    (
        "{beaten,beaten to death,killed,lynched,attacked,stoned,stoned to death,burned,burnt,set upon,assaulted,chased,hacked to death} by {a crowd,a mob,an angry crowd,an angry mob,angry residents,angry villagers,a group of residents,a group of villagers,villagers,residents}",
        ((MOB, 5.5),),
    ),
    # the crowd's victim named as a suspect: the suspicion, not the crime
    (
        "suspected {kidnapper,kidnappers,thief,thieves,robber,robbers,cattle thief,cattle thieves,child abductor,child abductors,witch,sorcerer}"
        "|alleged {kidnapper,kidnappers,thief,thieves,child abductor,child abductors}",
        ((MOB, 2.0), ("@civilian", 1.0)),
    ),
    # a road blocked by protesters, not a march blocked by the police (a landslide blocks roads too)
    (
        "{blocked,blocking} {a,the} {highway,road,main road,national highway,railway line,railway track,motorway,bridge,roundabout}",
        (("@protest", 2.0),),
    ),
    # one side moving in after the other left
    (
        "{after,when,once} the {peacekeepers,troops,soldiers,army,rebels,fighters,militants,forces,mission,un mission} "
        "{left,departed,withdrew,had left,had withdrawn,pulled out,had pulled out,moved out}",
        ((NVT, 3.0), ("@withdraw", 1.0)),  # with a capture verb (combine.territory), not alone
    ),
    # territory held, camps pitched, crowds fired into, deals to exchange or release
    (
        "under the control of {the ,}{militants,rebels,insurgents,jihadists,separatists,the militants,the rebels,the insurgents,the jihadists,the separatists,fighters}"
        "|in the hands of {the ,}{militants,rebels,insurgents,jihadists,separatists}|fell under {the ,}{control,rebel control,militant control}",
        (("@capture", 4.0),),
    ),
    (
        "set up a base|set up bases|set up a military base|established a base|established bases|built a base|new military camp",
        ((HQ, 5.0),),
    ),
    (
        "{fired,shot,opened fire} {into,on,at} {the,a} crowd|{fired,shot,opened fire} {into,on,at} {the,a} crowd of {protesters,demonstrators,marchers,mourners}",
        (("@shootprotest", 1.0), ("@lethal", 2.0), ("@attackverb", 1.0)),
    ),
    (
        "agreed to exchange|agreed to release|agreed to a prisoner|signed a ceasefire agreement|agreed to lay down",
        ((AGREE, 7.0),),
    ),
    # the state's answer to a gathering: "police responded with live fire"
    (
        "{police,security forces,troops,soldiers,officers,riot police,the police,the army} responded {with,by}",
        (("@intervene", 2.5), ("@state", 1.0)),
    ),
    # --- Phrasings of news in general (wire services and national papers) --------------
    (
        "exchanged gunfire|exchanged shots|traded fire|traded gunfire|trading fire|shots were exchanged"
        "|gunfire was exchanged|fire was exchanged|battled with|battling with|fighting between|gun duel"
        "|heavy exchange of fire|encounter broke out|encounter took place|encounter ensued|gunfight ensued|fierce gun battle",
        ((CLASH, 5.0),),
    ),
    (
        "tplf|tdf|tigrayan forces|oromo liberation army|ola|fano|sla|jem|splm io|kia|knu|knla|kna|eln|farc|farc dissidents"
        "|epl|npa|new people's army|abu sayyaf|biff|maute|ansaru|ipob|eastern security network|esn|unknown gunmen"
        "|armed bandits|cattle rustlers|rustlers|wagner|mercenaries|self defence group{,s}|self defense group{,s}|cadres"
        "|dissidents|armed men|paramilitaries|sicarios|hitmen",
        (("@nonstate", 1.0),),
    ),
    (
        "cops|constable{,s}|army men|troopers|security personnel|rangers|dss|nia|cbi|ats|sbu|fsb|navy|coast guard{,s}",
        (("@state", 1.0),),
    ),
    (
        "{took,taken,take,taking,captured,capture,seized,seize} {the,a} {,strategic ,key ,border ,coastal ,northern ,southern ,eastern ,western ,main ,provincial ,district ,remote ,nearby ,rebel ,army ,military }"
        "{town,city,village,villages,district,capital,base,airport,port,hill,hilltop,province,region,border crossing,outpost,garrison,district headquarters,district centre,district center}"
        "|raised their flag|hoisted their flag|raised its flag|hoisted its flag|under their control|under rebel control|under militant control|now control{,s}|now controlling",
        (("@capture", 4.0),),
    ),
    (
        "reoccupied|reoccupy|re occupied|re entered|reentered|regained the|regained possession"
        "|driving out|driven out|pushing out|flushing out|after routing"
        "|{recovered,regained,reclaimed} {the,a} {,strategic ,key ,border ,district ,provincial }{town,city,village,district headquarters,district centre,district center,base,hill,hilltop,area}",
        (("@retake", 5.0),),
    ),
    (
        "{hand,hands,handing} over control|{hand,hands,handed,handing} over {,the ,their ,its ,several ,two ,three ,a ,all ,control of the ,security of the }"
        "{camp,base,bases,town,city,village,villages,district,area,territory,positions,airport,airfield,post,posts,barracks,headquarters,security responsibility,security control}"
        "|moved in without|moved into the town after|moved into the city after",
        ((NVT, 4.5), ("@withdraw", 1.0)),
    ),
    ("took away|taken away|led away|carried off|marched away|whisked off", (("@takeaway", 1.0),)),
    (
        "went missing after being|disappeared after being|has been missing since|have been missing since"
        "|taken to an undisclosed|undisclosed location|bundled them|bundled him|bundled her|forcibly picked up"
        "|last seen being|forced into {a,an,an unmarked,a white} {car,van,vehicle,pickup}|unmarked {van,car,vehicle}",
        ((ABDUCT, 6.0),),
    ),
    (
        "labourer{,s}|laborer{,s}|daily wager{,s}|vendor{,s}|shopkeeper{,s}|motorist{,s}|commuter{,s}|sarpanch|headman"
        "|village head|village chief|tribal{,s}|tribesmen|devotees|churchgoers|mourners|guests|pupils|schoolchildren"
        "|schoolgirl{,s}|schoolboy{,s}|miners|tourist{,s}|cattle trader{,s}|nun{,s}|monk{,s}|councillor|prosecutor|judge",
        (("@civilian", 1.0),),
    ),
    (
        "in protest|unauthori{s,z}ed assembly|illegal assembly|unlawful assembly|chained themselves|glued themselves"
        "|took out a {procession,rally,march,protest march,candle march}|took out processions|poured into the streets"
        "|hit the streets|came out on the streets|held placards|holding placards|carrying placards|shouting slogans"
        "|blocked the {highway,national highway,railway track,main road,bridge,traffic}|staged a road blockade",
        (("@protest", 4.0),),
    ),
    ("gathered|assembled|converged|congregated|thronged|turned out|came out", (("@gather", 1.0),)),
    (
        "to denounce|to demand|to condemn|to press for|to voice|demanding|to oppose|to show solidarity"
        "|to mark the anniversary|to commemorate|to call for|calling for|to express their|against the",
        (("@purpose", 1.0),),
    ),
    (
        "{fired on,opened fire on,shot at,shot dead,shot,killed,fired live ammunition at,fired live rounds at,fired at,fired live bullets at,shooting at,shooting dead,killing}"
        " {the ,a ,}{protesters,demonstrators,marchers,protestors,crowd of protesters,crowd of demonstrators,unarmed protesters,peaceful protesters,protesting students,protesting farmers,protesting workers,protester,demonstrator}"
        "|{protesters,demonstrators,protestors} were {killed,shot,shot dead}|{protester,demonstrator,protestor} was {killed,shot,shot dead}",
        (("@shootprotest", 1.0), ("@protest", 4.0), ("@lethal", 2.0), ("@attackverb", 1.0)),
    ),
    (
        "thrashed|thrashing|beat him up|beat them up|beat him unconscious|beat them unconscious|tied to a tree|tied to a pole"
        "|tied him to|tied them to|paraded naked|stripped and beaten|cow vigilante{,s}|witch hunting|branded a witch"
        "|suspected witch|accused of witchcraft|witchcraft|instant justice|took the law into their own hands|took the law into their hands"
        "|{two groups of,groups of,rival groups of} {villagers,youths,residents,students,locals,supporters,people}",
        ((MOB, 4.0), ("@violentact", 1.0)),
    ),
    (
        "carted away|made away with|made off with|carried away|rustled|drove away {their,the} {cattle,livestock,cows,animals}"
        "|stole {cattle,livestock,cows}|looted {shops,houses,homes,stores,property,the market}",
        ((LOOT, 4.5),),
    ),
    (
        "market{,s}|stall{,s}|kiosk{,s}|godown{,s}|granar{y,ies}|livestock|cattle|idol{,s}|shrine{,s}"
        "|vehicle|truck{,s}|tower{,s}|classrooms|ballot boxes|hut",
        (("@property", 1.0),),
    ),
    (
        "police post{,s}|army camp{,s}|military camp{,s}|army post{,s}|security post{,s}|security camp{,s}|forward base{,s}"
        "|forward operating base{,s}|operating base{,s}|picket{,s}|position|artillery position{,s}|parallel administration|training camp{,s}",
        (("@basenoun", 1.0),),
    ),
    ("installed|put up|stationed", (("@establish", 1.0),)),
    # a place named as the object of "seized": "seized Wad Madani, the capital of the state"
    (
        "the capital of|capital of|provincial capital|state capital|regional capital|district capital|the town of"
        "|the city of|the village of|strategic town|key town|border town|garrison town|market town|the strategic",
        (("@placenoun", 1.0),),
    ),
    (
        "relocat{e,es,ing,ion}|redeploy{,s,ing}|began moving|moved troops|moving troops|sent more troops|troop reinforcements"
        "|announced a new|declared a new|new province|wilayah|wilayat|new wing|declared war|declared jihad|declared independence"
        "|declared autonomy|general mobili{s,z}ation|announced its dissolution|announced the dissolution",
        ((CHANGE, 4.0),),
    ),
    (
        "detected and destroyed|would be bomber{,s}|would be attacker{,s}"
        "|before it could explode|before it exploded|before they could detonate|neutralised the device|neutralized the device"
        "|defused by|terror module|arms smuggling|weapons smuggling|gun running|gunrunning|arms trafficking",
        ((DWU, 6.0),),
    ),
    (
        "explosives strapped|strapped to his body|strapped to her body|strapped to their bodies|strapped to his chest"
        "|strapped to her chest|strapped with explosives|wearing explosives"
        "|{drove,driving,rammed} {a,an,his,the} {car,vehicle,truck,van,motorbike,motorcycle} {packed,laden,loaded,filled,rigged} with explosives",
        ((SUICIDE, 6.5),),
    ),
    (
        "dropped {two,three,four,five,several,a number of,multiple} {bombs,barrel bombs,explosives}",
        ((AIR, 5.0),),
    ),
    (
        "mortar bomb{,s}|mortar round{,s} fired|shells landed|rockets landed|mortars landed",
        ((SHELL, 5.0),),
    ),
    (
        "clandestine grave{,s}|unmarked grave{,s}|secret grave{,s}|human remains|burial site{,s}|mass burial{,s}|skeletal remains",
        ((OTHER, 5.0),),
    ),
    (
        "flying over|flew over|seen flying|spotted flying|sighted over|drone sighting{,s}|overflight{,s}|hovering over|hovered over",
        ((OTHER, 4.0),),
    ),
    (
        "acknowledged responsibility|admitted responsibility|assumed responsibility|owned responsibility|claimed credit|took credit"
        "|claiming credit|claim of responsibility|claims of responsibility|said it carried out|said its fighters carried out"
        "|said it was behind|bore the hallmarks|hallmarks of"
        "|claimed the {killing,kidnapping,abduction,assassination,ambush,blast,explosion,strike,raid,attacks,bombings,shooting,massacre}"
        "|claims {attack,bombing,killing,kidnapping,abduction}",
        ((ATTRIB, 6.0),),
    ),
    (
        "lightning|lightning strike{,s}|thunderstorm{,s}|hailstorm{,s}|cold wave|sandstorm{,s}|dust storm{,s}|cloudburst{,s}"
        "|inundated|submerged|waterlogging|torrential rain{,s}|downpour{,s}|tremor{,s}|aftershock{,s}|dengue|malaria|measles"
        "|tested positive|positive cases|death toll from the {floods,flood,quake,earthquake,storm,cyclone,typhoon,landslide}",
        ((NATURAL, 5.0),),
    ),
    (
        "fell into a gorge|plunged into a gorge|rolled into a gorge|gorge|skidded off|veered off|rammed into a {truck,bus,tree,car}"
        "|collided with|head on collision|mishap|boat capsized|ferry sank|boat sank|caved in|wall collapse{,d}"
        "|fire service{,s}|fire department|fire tender{,s}|fire engine{,s}|firefighting|fire fighting|electrical fault"
        "|boiler explosion|leaked from|gas leakage|leakage|leaking",
        ((MANMADE, 5.0),),
    ),
    ("overturned|gutted", ((MANMADE, 2.5),)),
    # --- Not incidents -----------------------------------------------------------------
    # courts, inquiries and anniversaries look back at violence: they report none
    (
        "sentenced to|years in prison|life in prison|life imprisonment|life sentence|death sentence|war crimes"
        "|crimes against humanity|found guilty|pleaded guilty|verdict|acquitted|tribunal|criminal court|military court"
        "|investigation found|investigation had found|investigation concluded|inquiry found|inquiry concluded|probe found"
        "|report concluded|report found|panel of experts|fact finding mission|opcw"
        "|a court in|high court|supreme court|court convicted|court jailed|court sentenced|judge sentenced"
        "|jailed for life|were jailed for|was jailed for",
        ((RETRO, 5.0),),
    ),
    (
        "minute's silence|minute of silence|moment of silence|laid wreaths|lay wreaths|laid a wreath|memorial service",
        ((RETRO, 5.0),),
    ),
    ("anniversary|commemoration{,s}|commemorated|remembrance", ((RETRO, 4.0),)),
    # accidents' own verbs
    (
        "{plunged,fell,veered} into {a,the} {river,ravine,canal,valley,gorge,lake,ditch,sea}|{mine,gold mine,pit,mining pit,shaft,building,bridge,wall,roof,dam,stage,tower,hotel,school,church,mosque,structure} collapsed"
        "|artisanal miners|illegal miners|pyrotechnics|nightclub fire"
        "|fire at a {nightclub,club,bar,dormitory,hostel,ward,hospital ward,garment factory}|crashed shortly after",
        ((MANMADE, 5.0),),
    ),
    (
        "talks|negotiation{,s}|negotiator{,s}|negotiate{,d}|summit|met with|meeting|visit{,ed,s}|envoy{,s}"
        "|ambassador{,s}|diplomat{,s,ic}|diplomacy|foreign minister{,s}|foreign ministry|condemn{,ed,s}|urge{,d,s}"
        "|called on|calls on|calls for|called for|sanction{,s,ed}|expel{,s,led}|welcome{,d,s}|phone call{,s}"
        "|telephone conversation{,s}|phone conversation{,s}|spoke with|discuss{,ed,es,ing}|discussion{,s}"
        "|cooperation|bilateral|treaty|security council|un resolution|peace talks|peace process|mediat{e,ed,ion,or,ors}"
        "|statement|summoned|embassy|consulate|bilateral relations|relations|foreign affairs|prime minister"
        "|president|minister|delegation|conference|pledged|condolences|solidarity|appeal{,ed}|humanitarian aid|aid",
        ((DIPLO, 2.5),),
    ),
    (
        "diplomatic efforts|diplomatic activity|peace talks|phone call|negotiations|talks with|summit|rebuff{,s,ed}",
        ((DIPLO, 4.5),),
    ),
    (  # arms for a party, promised or sent: "Germany will supply Ukraine with drones"
        "military aid|military assistance|security assistance|aid package|weapons package|arms package"
        "|arms deliveries|weapons deliveries|arms supplies|weapons supplies|{will,agreed to,pledged to} supply"
        "|{will,agreed to,pledged to} send|{will,agreed to,pledged to} provide",
        ((DIPLO, 4.5),),
    ),
    (
        "responsible for"
        "|responsibility for|blamed|blames|blame|accused|accuses|accusation{,s}|allegation{,s}|alleged that|denied"
        "|denies|deny|rejected|rejects|attributed|was behind|were behind|behind the attack|responsibility",
        ((ATTRIB, 3.0),),
    ),
    (
        "drug{,s}|narcotic{,s}|cocaine|heroin|hashish|marijuana|cannabis|methamphetamine|smuggl{e,er,ers,ing,ed}"
        "|trafficking|trafficker{,s}|cartel{,s}|gang{,s}|gangster{,s}|mafia|robbery|robberies|robber{,s}|armed robbery"
        "|burglary|thief|thieves|fraud|scam|money laundering|contraband|extortion|human trafficking|poaching|poacher{,s}"
        "|counterfeit|illegal migrants|migrants|bootlegg{ing,ers}|cybercrime|shoplifting|organised crime|organized crime"
        "|criminal group{,s}|criminal gang{,s}|thugs|pornograph{y,ic}|obscene|interpol|counterfeiting|forgery|bribery|bribe{,s}"
        "|embezzlement|corruption case|cheating case|cyber fraud|ponzi",
        ((CRIME, 4.0),),
    ),
    (
        "earthquake{,s}|quake{,s}|flood{,s,ing,ed,waters}|cyclone{,s}|hurricane{,s}|typhoon{,s}|tornado{,es,s}|storm{,s}"
        "|heavy rain{,s}|rainfall|snowfall|heavy snow|snow|landslide{,s}|mudslide{,s}|drought{,s}|volcano{,es}|eruption{,s}"
        "|erupted|tsunami|wildfire{,s}|bushfire{,s}|forest fire{,s}|heatwave|heat wave|covid|covid 19|coronavirus|pandemic"
        "|epidemic|outbreak|infections|infected|cholera|ebola|avalanche|magnitude|weather|monsoon|locust{,s}|virus",
        ((NATURAL, 5.0),),
    ),
    (
        "accident{,s}|crash{,ed,es}|collision|collided|derail{ed,ment}|capsized|capsize|sank|fire broke out|blaze"
        "|caught fire|gas leak|gas explosion|gas cylinder|cylinder blast|cylinder explosion|boiler|short circuit"
        "|building collapse|stampede|spill|oil spill|leaked|chemical leak|firefighters|fire fighters"
        "|fire brigade|factory fire|plane crash|road accident|traffic accident|hazard|transformer explosion"
        "|mine collapse|coal mine|exploded accidentally|industrial accident|electrocuted|drowned|plant explosion|factory explosion"
        "|fertilizer plant|chemical plant|container exploded|roof collapsed|bridge collapsed|building collapsed"
        "|fire at a {factory,plant,warehouse,market,hospital,hotel,shop,mall,building,refinery}|fire in a {factory,plant,warehouse,market,hospital,hotel,shop,mall,building}"
        "|blaze at a|gutted by fire|burst into flames"
        # industrial and transport explosions: accidents, not attacks
        "|firecracker{,s}|fireworks factory|firecracker factory|firecracker unit|cracker unit|cracker factory|tanker exploded"
        "|tanker explosion|fuel tanker|oil tanker|gas tanker|methane|coal pit|colliding|reactor|pipeline explosion|pipeline blast"
        "|{explosion,blast,fire} at a {factory,plant,mine,warehouse,workshop,refinery,depot}",
        ((MANMADE, 4.5),),
    ),
    (
        "analyst{,s}|predict{,s,ed,ion,ions}|forecast{,s}|speculation|speculate|raising questions"
        "|raises questions|effectiveness|strategic advantage|capabilit{y,ies}|no signs of|shows no sign{,s}"
        "|critical tool|coincided with|leverage|setbacks|growing challenges|drone warfare|opinion|editorial"
        "|commentary|it is unclear|questions about|positions before|scenario{,s}",
        ((COMMENT, 3.5),),
    ),
    (
        "concern{,s}|concerned|strategy|escalation|escalating|tensions|warfare|experts|expert|weakening|debate"
        "|criticism|criticised|criticized|risk{,s}|threat{,s}|likely",
        ((COMMENT, 1.5),),
    ),
]

# Modality: an event cue this soon after one of these is hypothetical, habitual or
# background, not a report of something that happened.
MODAL = (
    "may|might|could|would|will|shall|plans to|planning to|plan to|threaten{,s,ed} to|vow{,s,ed} to|intend{,s} to"
    "|expected to|likely to|predict{,s,ed}|if|unless|any|possible|proposed|potential|continue{,s} to|continuing to"
    "|intensified|intensifies|has become|have become|seeking to|sought to|aimed at|ready to|prepared to|prepare to"
    "|calls for|called for|urged|need for|in case of|risk of|fear{,s,ed}|warn{,ed,s}|to prevent|to avoid|ban on|bans"
    "|denied|denies|deny|rejected|refused|allegations|accusations|no|not|never|without|deterrent|hold onto"
    "|had seized|had captured|had taken|had launched|attempts to|attempting to|tried to|trying to|attempted to|possibility|whether|forced to withdraw"
    "|forced to retreat|may soon|struggling to|banning|sanctions banning|responds with|respond with|in response to any"
    # the event a claim or a charge is about: "Hamas was responsible for the rocket fire"
    "|responsible for|responsibility for"
    # what a verdict, a blame or a memorial is about: "for their part in the 2015 attack"
    "|for his role in|for her role in|for their role in|for their part in|for his part in|convicted of|guilty of"
    "|blamed|anniversary of|for the victims of|for victims of|demanding the release of|demanding the rescue of"
    "|demanding justice for|justice for"
    # a year before the event names a past one: "the 2015 attacks", "during the 2020 protests"
    "|the {1990,1991,1992,1993,1994,1995,1996,1997,1998,1999,2000,2001,2002,2003,2004,2005,2006,2007,2008,2009}"
    "|the {2010,2011,2012,2013,2014,2015,2016,2017,2018,2019,2020,2021,2022,2023,2024}"
)

WEAPONS: dict[str, str] = {
    "drone": "drone{,s}|uav{,s}|shahed{,s}|geran{,s}|lancet{,s}|quadcopter{,s}|kamikaze|unmanned aerial|bayraktar{,s}|orlan{,s}|loitering munition{,s}",
    "missile": "missile{,s}|iskander{,s}|kalibr{,s}|kh 101|kh 22|tochka|s 300|cruise missile{,s}|ballistic missile{,s}",
    "mlrs": "grad{,s}|uragan|smerch|himars|mlrs|multiple launch rocket|multiple rocket|rocket launcher{,s}|rocket{,s}|katyusha{,s}",
    "artillery": "artillery|shell{,s,ed,ing}|mortar{,s}|howitzer{,s}|tank fire|tank{,s} fired|cannon|heavy weapons|projectile{,s}",
    "aircraft": "air{,}strike{,s}|air raid{,s}|warplane{,s}|war plane{,s}|jets|fighter jet{,s}|aircraft|helicopter{,s}|gunship{,s}|bombers|air force{,s}|aviation|barrel bomb{,s}|glide bomb{,s}|guided bomb{,s}",
    "ied": "ied{,s}|improvised explosive{,s}|landmine{,s}|land mine{,s}|mine{,s}|explosive device{,s}|car bomb{,s}|roadside bomb{,s}|booby trap{,s,ped}|unexploded|vbied{,s}|bomb{,s}",
    "grenade": "grenade{,s}",
    "small_arms": "small arms|gunfire|rifle{,s}|machine gun{,s}|gunmen|gunman|opened fire|shot dead|shot|sniper{,s}|automatic weapons|firearm{,s}",
    "chemical": "chemical weapon{,s}|chemical attack{,s}|chlorine|sarin|mustard gas|nerve agent{,s}|poison gas|poisonous gas|toxic gas",
}

TARGETS: dict[str, str] = {
    "energy": "refinery|oil refinery|oil depot|fuel depot|oil terminal|power plant|power station|substation{,s}|energy infrastructure|energy facilit{y,ies}|thermal power|hydroelectric|nuclear power|power line{,s}|gas pipeline|oil facilit{y,ies}|power grid|electricity|energy",
    "medical": "hospital{,s}|clinic{,s}|ambulance{,s}|medical|health centre|health center|maternity",
    "education": "school{,s}|university|kindergarten{,s}|college{,s}|lyceum",
    "water": "water supply|dam|water well|water treatment|pumping station|reservoir|water pipeline|waterworks",
    "government": "government building{,s}|administration building|city council|town hall|parliament|ministry building|police station{,s}|governor's office|city hall|administration",
    "transport": "railway|railway station|train{,s}|bridge{,s}|airport|seaport|port|bus|buses|road{,s}|highway|rail",
    "residential": "residential|apartment{,s}|apartment block{,s}|house{,s}|home{,s}|private house{,s}|high rise|dormitor{y,ies}|dwelling{,s}|neighbourhood|neighborhood",
    "military": "military|positions|barracks|base|checkpoint{,s}|ammunition depot|airfield|air base|command post|troops|soldiers|army|military unit",
}

# Expanded on first use (a few thousand phrases, ~5 ms): classification normally
# loads its automaton from the cache (see cues.both) and never needs them.
CUES: list[tuple[list[str], Weights]]
MODAL_PHRASES: list[str] = phrases(MODAL)


def __getattr__(name: str) -> list[tuple[list[str], Weights]]:
    if name != "CUES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = [(phrases(pat), w) for pat, w in _RAW]
    globals()[name] = value
    return value


def cues_for(key: str) -> list[str]:
    """The phrases of the cue entries that give `key`, without expanding the others."""
    return [p for pat, ws in _RAW if any(k == key for k, _ in ws) for p in phrases(pat)]
