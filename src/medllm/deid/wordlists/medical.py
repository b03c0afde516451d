"""Medical vocabulary that keeps drug, disease and clinical words out of de-identification.

spaCy's small English model tags many capitalised drug, disease and test names as PERSON or GPE
("Warfarin", "Hematologic", "Lyrica"), and eponymous diseases carry real surnames ("Parkinson
disease", "Hodgkin lymphoma"). These lists are the "allow" side of :mod:`medllm.deid`: a
named-entity hit made only of these words is not an identifier.

Where the lists come from (written for this module from public references, not scraped):

- generic drug names: the WHO Model List of Essential Medicines and the most-prescribed US generics
  (ClinCalc's top-300 list, from MEPS); brand names: the US brands of those generics (FDA labels);
- drug-name endings: the USAN Council's list of stems ("-pril", "-sartan", "-mab", ...), which
  catches generics that are not in the list;
- diseases and clinical words: common conditions (ICD-10 chapter titles and their frequent
  members), dosage forms, tests, anatomy and chemistry words that appear capitalised in drug
  labels and dialogues; medical word endings ("-itis", "-emia", "-ectomy", ...) from standard
  medical-terminology textbooks;
- medical word beginnings (Greek and Latin combining forms: "hyper-", "blephar-", "lymph-") and
  chemical name pieces (IUPAC substituent names: "methyl", "benzyl", "hydroxy") with a minimum word
  length each, and substance, preparation and route words ("Peroxide", "Toxin", "Globulin",
  "Topical", "Otic"); the beginnings and pieces were chosen so that common first and last names of
  many languages do not match them ("Polly", "Brady", "Carballo", "Stephenson" stay names);
- eponyms: eponymous diseases, signs, tests and devices from standard clinical references
  (for example "Parkinson", "Hodgkin", "Crohn"). Eponyms that are also common surnames
  (Wilson, Turner, Graves, Bell) are kept only next to a disease word ("Wilson disease",
  "Bell's palsy"), so "Mrs. Turner" is still a name.

The evaluation (:mod:`medllm.deid.evaluation`) reports the survival of medical terms that are *not*
in these lists separately, so the figure measures the rules, not the lists.
"""

from __future__ import annotations

import functools
import re

from medllm.deid.wordlists.common import COMMON_CAPITALISED, tokens, words

GENERIC_DRUGS = words("""
abacavir, acarbose, acetaminophen, acetazolamide, acetylcysteine, acyclovir, adalimumab, adenosine,
albendazole, albuterol, alendronate, allopurinol, alprazolam, alteplase, amantadine, amikacin,
amiodarone, amitriptyline, amlodipine, amoxicillin, amphetamine, amphotericin, ampicillin, anastrozole,
apixaban, aripiprazole, artemether, aspirin, atazanavir, atenolol, atomoxetine, atorvastatin, atropine,
azathioprine, azithromycin, baclofen, beclomethasone, benazepril, benzonatate, benzoyl, benztropine,
betamethasone, bicalutamide, bisacodyl, bisoprolol, bleomycin, budesonide, bumetanide, buprenorphine,
bupropion, buspirone, butalbital, cabergoline, caffeine, calcitriol, candesartan, capecitabine, captopril,
carbamazepine, carbidopa, carboplatin, carvedilol, cefadroxil, cefazolin, cefdinir, cefepime, cefixime,
cefpodoxime, ceftazidime, ceftriaxone, cefuroxime, celecoxib, cephalexin, cetirizine, chlorambucil,
chloramphenicol, chlordiazepoxide, chlorhexidine, chloroquine, chlorpheniramine, chlorpromazine,
chlorthalidone, cholecalciferol, cholestyramine, ciclosporin, cyclosporine, cilostazol, cimetidine,
ciprofloxacin, cisplatin, citalopram, clarithromycin, clindamycin, clobetasol, clofazimine, clomiphene,
clomipramine, clonazepam, clonidine, clopidogrel, clotrimazole, clozapine, codeine, colchicine,
cyclobenzaprine, cyclophosphamide, cyproheptadine, dabigatran, dapagliflozin, dapsone, darunavir,
deferoxamine, denosumab, desmopressin, desvenlafaxine, dexamethasone, dexmethylphenidate,
dextroamphetamine, dextromethorphan, diazepam, diclofenac, dicyclomine, digoxin, diltiazem,
dimenhydrinate, diphenhydramine, dipyridamole, divalproex, dobutamine, docusate, dolutegravir, donepezil,
dopamine, doxazosin, doxepin, doxorubicin, doxycycline, dulaglutide, duloxetine, dutasteride, efavirenz,
empagliflozin, emtricitabine, enalapril, enoxaparin, entecavir, epinephrine, eplerenone, epoetin,
ergocalciferol, erythromycin, escitalopram, esomeprazole, estradiol, eszopiclone, etanercept,
ethambutol, ethinyl, ethosuximide, etonogestrel, exenatide, ezetimibe, famotidine, febuxostat,
felodipine, fenofibrate, fentanyl, ferrous, fexofenadine, filgrastim, finasteride, flecainide,
fluconazole, fludrocortisone, flumazenil, fluorouracil, fluoxetine, fluphenazine, fluticasone,
fluvoxamine, folic, fosfomycin, furosemide, gabapentin, gemfibrozil, gentamicin, glargine, glecaprevir,
glimepiride, glipizide, glucagon, glyburide, glycopyrrolate, griseofulvin, guaifenesin, guanfacine,
haloperidol, heparin, hydralazine, hydrochlorothiazide, hydrocodone, hydrocortisone, hydromorphone,
hydroxychloroquine, hydroxyurea, hydroxyzine, hyoscyamine, ibandronate, ibuprofen, imatinib, imipramine,
indapamide, indomethacin, infliximab, insulin, ipratropium, irbesartan, isoniazid, isosorbide,
isotretinoin, itraconazole, ivermectin, ketamine, ketoconazole, ketorolac, labetalol, lacosamide,
lactulose, lamivudine, lamotrigine, lansoprazole, latanoprost, leflunomide, letrozole, leucovorin,
leuprolide, levetiracetam, levocetirizine, levofloxacin, levonorgestrel, levothyroxine, lidocaine,
linagliptin, linezolid, liothyronine, liraglutide, lisinopril, lithium, loperamide, lopinavir,
loratadine, lorazepam, losartan, lovastatin, lurasidone, magnesium, mannitol, meclizine,
medroxyprogesterone, mefloquine, meloxicam, memantine, meropenem, mesalamine, metformin, methadone,
methimazole, methocarbamol, methotrexate, methylphenidate, methylprednisolone, metoclopramide, metolazone,
metoprolol, metronidazole, miconazole, midazolam, mifepristone, minocycline, minoxidil, mirabegron,
mirtazapine, misoprostol, modafinil, mometasone, montelukast, morphine, moxifloxacin, mupirocin,
mycophenolate, nabumetone, nadolol, naloxone, naltrexone, naproxen, nateglinide, nebivolol, neomycin,
nevirapine, niacin, nicotine, nifedipine, nitrofurantoin, nitroglycerin, norepinephrine, norethindrone,
nortriptyline, nystatin, octreotide, ofloxacin, olanzapine, olmesartan, omeprazole, ondansetron,
oseltamivir, oxcarbazepine, oxybutynin, oxycodone, oxymetazoline, oxytocin, paclitaxel, paliperidone,
pantoprazole, paracetamol, paroxetine, penicillin, pentoxifylline, permethrin, phenazopyridine,
phenelzine, phenobarbital, phentermine, phenylephrine, phenytoin, pioglitazone, piperacillin, potassium,
pramipexole, prasugrel, pravastatin, praziquantel, prazosin, prednisolone, prednisone, pregabalin,
primaquine, primidone, probenecid, prochlorperazine, progesterone, promethazine, propofol, propranolol,
propylthiouracil, pseudoephedrine, pyrazinamide, pyridostigmine, pyrimethamine, quetiapine, quinapril,
quinine, rabeprazole, raloxifene, raltegravir, ramipril, ranitidine, ranolazine, rifampicin, rifampin,
rifaximin, risedronate, risperidone, ritonavir, rivaroxaban, rizatriptan, rocuronium, ropinirole,
rosuvastatin, salbutamol, salmeterol, semaglutide, senna, sertraline, sildenafil, simvastatin,
sitagliptin, sodium, sofosbuvir, solifenacin, sotalol, spironolactone, streptomycin, sucralfate,
sulfamethoxazole, sulfasalazine, sumatriptan, tacrolimus, tadalafil, tamoxifen, tamsulosin, telmisartan,
temazepam, tenofovir, terazosin, terbinafine, teriparatide, testosterone, tetracycline, theophylline,
thiamine, ticagrelor, timolol, tinidazole, tiotropium, tizanidine, tobramycin, tolterodine, topiramate,
torsemide, tramadol, trandolapril, tranexamic, trazodone, triamcinolone, triamterene, trimethoprim,
ursodiol, valacyclovir, valganciclovir, valproate, valsartan, vancomycin, vardenafil, varenicline,
venlafaxine, verapamil, vilazodone, vitamin, voriconazole, vortioxetine, warfarin, zidovudine,
ziprasidone, zolpidem, zonisamide, zoledronic
""")

BRAND_DRUGS = words("""
Abilify, Accupril, Aciphex, Actos, Adderall, Advair, Advil, Aldactone, Aleve, Allegra, Altace, Ambien,
Amaryl, Anaprox, Antabuse, Aricept, Arimidex, Ativan, Augmentin, Avapro, Avelox, Azulfidine, Bactrim,
Benadryl, Benicar, Biaxin, Boniva, Brilinta, Buspar, Bystolic, Calan, Cardizem, Cardura, Catapres,
Celebrex, Celexa, Cialis, Cipro, Claritin, Cleocin, Clozaril, Cogentin, Colace, Concerta, Coreg, Cozaar,
Crestor, Cymbalta, Decadron, Deltasone, Depakote, Desyrel, Diflucan, Dilantin, Dilaudid, Diovan, Ditropan,
Duragesic, Effexor, Eliquis, Elavil, Enbrel, Entresto, Epipen, Farxiga, Feldene, Flagyl, Flexeril,
Flomax, Flonase, Fosamax, Glucophage, Glucotrol, Haldol, Humalog, Humira, Hydrodiuril, Imdur, Imitrex,
Imodium, Inderal, Invokana, Jardiance, Januvia, Keflex, Keppra, Klonopin, Lamictal, Lanoxin, Lantus,
Lasix, Levaquin, Levemir, Levitra, Levoxyl, Lexapro, Lipitor, Lisinopril, Lomotil, Lopressor, Lotensin,
Lovenox, Lunesta, Lyrica, Macrobid, Medrol, Micardis, Minipress, Mirapex, Mobic, Motrin, Mucinex,
Namenda, Naprosyn, Neurontin, Nexium, Norco, Norvasc, Novolog, Ozempic, Paxil, Pepcid, Percocet,
Plaquenil, Plavix, Pradaxa, Pravachol, Premarin, Prevacid, Prilosec, Pristiq, Proscar, Protonix, Provera,
Prozac, Remeron, Requip, Restoril, Risperdal, Ritalin, Robaxin, Robitussin, Seroquel, Sinemet, Singulair,
Soma, Spiriva, Strattera, Suboxone, Sudafed, Synthroid, Tamiflu, Tegretol, Tenormin, Tessalon, Topamax,
Toprol, Tradjenta, Trulicity, Tylenol, Ultram, Valium, Valtrex, Vasotec, Ventolin, Viagra, Vicodin,
Voltaren, Vyvanse, Wellbutrin, Xanax, Xarelto, Xyzal, Zantac, Zestril, Zetia, Zithromax, Zocor, Zofran,
Zoloft, Zovirax, Zyloprim, Zyprexa, Zyrtec, Zyvox, Coumadin, Jantoven, Miralax, Procrit, Aranesp,
Epogen, Neupogen, Neulasta, Keytruda, Opdivo, Herceptin, Avastin, Rituxan, Remicade, Stelara, Dupixent,
Otezla, Xeljanz, Rinvoq, Victoza, Byetta, Mounjaro, Wegovy, Tresiba, Toujeo, Basaglar, Novolin, Humulin,
Narcan, Naloxone, Vivitrol, Chantix, Zyban, Nicorette, Ambisome, Tums, Maalox, Mylanta, Pepto, Dulcolax,
Senokot, Metamucil, Benefiber, Gaviscon, Orajel, Neosporin, Bacitracin, Lotrimin, Lamisil, Monistat,
Cortaid, Preparation, Visine, Systane, Refresh, Flovent, Pulmicort, Symbicort, Breo, Trelegy, Anoro,
Incruse, Atrovent, Combivent, Duoneb, Xopenex, Qvar, Asmanex, Dulera, Nasonex, Nasacort, Afrin,
Rhinocort, Astelin, Patanol, Pataday, Xalatan, Lumigan, Travatan, Timoptic, Alphagan, Cosopt, Restasis,
Xiidra, Vigamox, Ciloxan, Tobradex, Maxitrol, Pred, Durezol, Lotemax, Bepreve, Zaditor
""")

DISEASE_WORDS = words("""
acne, addiction, adenoma, lipoma, myoma, fibroma, aids, allergy, alopecia, amenorrhea, amyloidosis, anaphylaxis, anemia,
aneurysm, angina, ankylosing, anorexia, anxiety, aphasia, apnea, appendicitis, arrhythmia, arteritis,
arthritis, asbestosis, ascites, asthma, astigmatism, ataxia, atelectasis, atherosclerosis, autism,
bacteremia, bronchiectasis, bronchiolitis, bronchitis, bulimia, bursitis, cancer, candidiasis,
cardiomyopathy, carcinoma, cataract, cellulitis, chickenpox, chlamydia, cholangitis, cholecystitis,
cholelithiasis, cholera, cirrhosis, colitis, concussion, conjunctivitis, constipation, copd, covid,
croup, cystitis, dehydration, delirium, dementia, dengue, depression, dermatitis, diabetes, diabetic,
diarrhea, diphtheria, diverticulitis, diverticulosis, dysentery, dyslexia, dysmenorrhea, dyspepsia,
dysphagia, dystonia, eczema, edema, embolism, emphysema, encephalitis, endocarditis, endometriosis,
enteritis, epilepsy, epistaxis, erysipelas, esophagitis, fibroids, fibromyalgia, fibrosis, flu, folliculitis,
fracture, gangrene, gastritis, gastroenteritis, gerd, gingivitis, glaucoma, glomerulonephritis,
goiter, gonorrhea, gout, hematoma, hemophilia, hemorrhage, hemorrhoids, hepatitis, hernia, herpes,
hiv, hives, hydrocephalus, hyperlipidemia, hypertension, hyperthyroidism, hypoglycemia,
hypothyroidism, impetigo, incontinence, infection, infertility, influenza, insomnia, ischemia,
jaundice, keratitis, laryngitis, leprosy, leukemia, lupus, lymphoma, malaria, mastitis, measles,
melanoma, meningitis, migraine, mononucleosis, mumps, myasthenia, myeloma, myocarditis, myopathy,
narcolepsy, nephritis, nephropathy, neuralgia, neuritis, neuropathy, obesity, osteoarthritis,
osteomyelitis, osteoporosis, otitis, pancreatitis, paralysis, pericarditis, peritonitis, pertussis,
pharyngitis, pneumonia, pneumothorax, polio, preeclampsia, prostatitis, psoriasis, psychosis,
pyelonephritis, rabies, retinopathy, rheumatoid, rhinitis, rickets, rosacea, rubella, sarcoidosis,
sarcoma, scabies, schizophrenia, sciatica, scleroderma, sclerosis, scoliosis, sepsis, shingles,
sinusitis, spondylitis, stroke, syphilis, tachycardia, tendinitis, tendonitis, tetanus, thrombosis,
thyroiditis, tinnitus, tonsillitis, tuberculosis, typhoid, ulcer, urticaria, uveitis, vaginitis,
varicella, vasculitis, vertigo, vitiligo, disease, syndrome, disorder, palsy, dystrophy, atrophy
""")

# Words that appear capitalised in clinical text (drug labels, headings, dialogue openers) and are
# not names: dosage forms, tests, anatomy, chemistry, departments, common sentence openers.
CLINICAL_WORDS = words("""
acid, acute, adult, alfa, allergic, alpha, ambulance, anatomy, antibiotic, antibiotics, antibody,
anticoagulant, antigen, artery, assessment, attending, bacterial, benign, beta, biopsy, blood, bone,
bowel, brain, breast, bronchial, calcium, capsule, capsules, cardiac, cardiology, care, cbc, cell,
center, chemotherapy, chest, chief, chloride, cholesterol, chronic, clinic, clinical, colonoscopy,
complaint, complete, congenital, consult, consultation, course, cream, culture, cyst, daily, department,
dermatology, diagnosis, diet, discharge, disp, dose, dosage, drops, ecg, ekg, echo, electrocardiogram,
electrolytes, emergency, endoscopy, er, exam, examination, extended, family, fever, fluid, follow,
followup, gel, gland, globulin, glucose, hba1c, headache, health, heart, hematologic, hemoglobin,
history, hospital, human, hypodermic, icu, imaging, immune, impression, infusion, inhaler, injection,
inpatient, intravenous, iodine, iron, kidney, lab, labs, liver, lotion, lung, lymph, magnetic, medical,
medication, medications, medicine, mental, mri, nasal, neurology, normal, nurse, nursing, ointment,
oncology, ophthalmic, oral, orthopedics, outpatient, oxygen, pain, patch, pathology, patient, pediatric,
pediatrics, pharmacy, physical, physician, plan, plasma, platelet, powder, pregnancy, prescription,
primary, procedure, product, psychiatry, pulmonary, radiographic, radiology, rash, recombinant, rehab,
renal, report, respiratory, review, saline, scan, screening, serum, severe, silver, skin, social,
solution, spray, stool, sulfate, surgery, surgical, suspension, symptoms, syrup, tablet, tablets,
test, tests, therapy, thyroid, topical, toxoid, transfusion, trauma, treatment, triage, ultrasound,
unit, urgent, urinalysis, urine, usp, vaccine, vaccination, viral, vital, vitals, ward, xray, x-ray,
zinc, chemo, injury, lipid, panel, level, levels, assay, nebulizer, indium, oxyquinoline, hydrochloride,
acetate, citrate, phosphate, carbonate, bicarbonate,
hcl, er, xr, sr, cr, la, dr, ec, odt, chewable, elixir, drip, vial, pen, pump, lozenge
""")

EPONYM_HEADS = words("""
disease, diseases, disorder, syndrome, syndromes, lymphoma, lymphomas, sarcoma, tumor, tumour, palsy,
sign, signs, test, maneuver, manoeuvre, reflex, phenomenon, triad, ulcer, esophagus, fracture, cyst,
neuroma, contracture, catheter, procedure, operation, classification, scale, score, criteria, virus,
fever, thyroiditis, anemia, anaemia, encephalopathy, dystrophy, ataxia, chorea, dementia, neuralgia,
arthritis, cell, cells, node, nodes, nodule, nodules, body, bodies, duct, tube, tubes, gland, glands,
canal, space, line, lines, stain, smear, position, diet, solution, stockings, monitor, repair,
fundoplication, shunt, tetralogy, anomaly, malformation, aneurysm, angina, block, infarction,
hernia, diverticulum, lesion, lesions, spots, nodes, lymphadenopathy, deformity, deformities
""")

# Eponyms that are rare as personal names: kept even without a disease word ("her Crohn's").
EPONYMS_STRONG = words("""
Alzheimer, Asperger, Behcet, Behçet, Crohn, Creutzfeldt, Cushing, Duchenne, Ehlers, Danlos, Guillain,
Barre, Barré, Hashimoto, Hirschsprung, Hodgkin, Huntington, Kaposi, Kawasaki, Meniere, Ménière,
Parkinson, Raynaud, Sjogren, Sjögren, Tourette, Lyme, Epstein, Barr, Addison, Marfan, Klinefelter,
Wernicke, Korsakoff, Osgood, Schlatter, Peyronie, Dupuytren, Charcot, Tay, Sachs, Gaucher, Niemann,
Fabry, Pompe, Zollinger, Ellison, Peutz, Jeghers, Munchausen, Münchausen, Takayasu, Buerger, Wegener,
Churg, Strauss, Goodpasture, Glanzmann, Waldenstrom, Waldenström, Sezary, Hurler, Kallmann, Noonan,
Angelman, Prader, Willi, DiGeorge, Patau, Rett, Arnold, Chiari, Dandy, Walker, Sturge, Weber, Lindau,
Hippel, Willebrand, Brugada, Wolff, Eisenmenger, Ebstein, Fallot, Takotsubo, Kussmaul, Cheyne, Stokes,
Apgar, Babinski, Romberg, McBurney, Kernig, Brudzinski, Chvostek, Trousseau, Tinel, Phalen, Lachman,
McMurray, Valsalva, Trendelenburg, Heimlich, Epley, Kegel, Papanicolaou, Foley, Holter, Whipple,
Nissen, Billroth, Mohs, Bartholin, Eustachian, Fallopian, Achilles, Hansen, Chagas, Legionnaires,
Legionella, Coxsackie, Norwalk, Ebola, Zika, Marburg, Bartonella, Brucella, Reye, Stevens, Kienbock,
Scheuermann, Perthes, Legg, Calve, Calvé, Sinding, Larsen, Sprengel, Klippel, Feil, Bowen, Pancoast,
Horner, Sequard, Séquard, Lambert, Eaton, Friedreich, Lewy, Bouchard, Heberden, Tietze, Mondor,
Osler, Rendu, Janeway, Virchow, Mallory, Boerhaave, Zenker, Plummer, Vinson, Schatzki, Crigler,
Najjar, Dubin, Budd, Caroli, Asherman, Sheehan, Stein, Leventhal, Quervain, Riedel, Sipple, Lynch,
Fraumeni, Cowden, Henoch, Schonlein, Schönlein, Reiter, Felty, Caplan, Colles, Monteggia, Galeazzi,
Bankart, Sachs, Gilbert, Bell, Graves, Wilson, Down, Turner, Williams, Conn, Paget, Still, Pick,
Baker, Morton, Hunter, Hurthle, Hürthle, Langerhans, Kupffer, Purkinje, Schwann, Sertoli, Leydig,
Wharton, Broca, Willis, Hartmann, Roux, Kasai, Fontan, Glenn, Norwood, Blalock, Taussig, Swan, Ganz,
Snellen, Rinne, Glasgow, Gram, Ziehl, Neelsen, Wright, Giemsa, Mantoux, Coombs, Westergren, Schilling,
Lugol, Ringer, Hartmann, Betadine, Murphy, Homans, Kehr, Cullen, Grey, Turner, Rovsing, Psoas,
Obturator, Barrett, Meckel, Merkel, Ewing, Wilms, Burkitt, Kawasaki, Bright, Pott, Ludwig, Vincent,
Fournier, Skene, Nabothian, Dressler, Prinzmetal, Beck, Austin, Flint, Graham, Steell, Fowler,
Smith, Bennett, Jones, Boxer, Hill, Brown, Ramsay, Erb, Klumpke, Becker, Gardner, Nelson, Werner,
Berger, Alport, Bartter, Gitelman, Fanconi, Diamond, Blackfan, Bernard, Soulier, Christmas, Edwards,
Lou, Gehrig, Madelung, Freiberg, Kohler, Köhler, Sever, Ross, Bentall, Whipple
""")

# The strong eponyms are kept on their own; these, also common surnames or words, only before a
# disease word ("Wilson disease", "Turner syndrome", "Bell's palsy", "Foley catheter").
EPONYMS_WEAK = words("""
Bell, Graves, Wilson, Down, Turner, Williams, Conn, Paget, Still, Pick, Baker, Morton, Hunter, Wright,
Murphy, Homans, Cullen, Grey, Barrett, Bright, Pott, Ludwig, Vincent, Dressler, Beck, Austin, Flint,
Graham, Fowler, Smith, Bennett, Jones, Boxer, Hill, Brown, Ramsay, Becker, Gardner, Nelson, Werner,
Berger, Diamond, Bernard, Christmas, Edwards, Lou, Gehrig, Sever, Ross, Stevens, Lambert, Eaton,
Gilbert, Lynch, Walker, Weber, Arnold, Stein, Swan, Glenn, Norwood, Stokes, Addison, Foley, Holter,
Fanconi, Caplan, Reiter, Felty, Colles, Bowen, Horner, Mallory, Plummer, Budd, Dubin, Osler, Ewing,
Schilling, Ringer, Hartmann, Willis, Gram, Snellen, Rinne, Glasgow, Ebstein, Epstein, Larsen, Sachs,
Tay, Erb, Kohler, Köhler, Roux, Kehr, Beck, Hill, Edwards, Patau, Noonan, Reye, Pompe, Fabry
""")
EPONYMS_STRONG = EPONYMS_STRONG - EPONYMS_WEAK

# USAN stems (drug-name endings), longest first where they overlap; a word must be at least
# three letters longer than the ending ("April" is not "-pril").
DRUG_STEMS = tuple(
    tokens(
        """
pril sartan olol alol dipine statin prazole tidine floxacin oxacin mycin micin cillin azole
navir previr buvir tegravir ciclovir cyclovir vudine citabine mab tinib anib parin xaban gatran
gliptin gliflozin glutide formin triptan setron lukast terol sonide olone asone caine curium
azepam zolam barbital profen coxib fenac oxetine triptyline pramine azepine peridol apine idone
tadine dronate relin grastim cept platin rubicin taxel tecan trexate conazole fungin thromycin
cycline penem bactam nidazole oquine thiazide semide actone zosin afil glinide glitazone tropium
codone morphone orphine fentanil teplase kinase mustine lamide etanide vastatin dazole amycin
sporin tretin retinoin calcet plase ximab zumab umab dralazine oxacillin phylline ergoline
zodone lazodone pidem clone epam azolam ipramine etine oxicam salazine fibrate imod limus ciclib
lisib parib degib rafenib zomib tuzumab amine olate isone dopa fenacin melteon actant tropin orphanol
azocine osin fentanil
"""
    )
)
DRUG_PREFIXES = ("cef", "ceph", "sulfa")
# Medical word endings (diseases, procedures, tests, specialities).
MEDICAL_SUFFIXES = tuple(
    tokens(
        """
itis osis emia aemia oma omas pathy algia plasia trophy penia uria ectomy otomy ostomy plasty
scopy graphy gram iasis rrhea rrhoea rrhage megaly sclerosis phobia plegia paresis cytosis lepsy
emesis ptosis stenosis ology ologist iatric iatrics iatry cele lysis genic tension cardia pnea
pnoea phagia phasia kinesia thermia ectasis plasm cocci coccus bacter bacillus virus viral
vascular thyroid therapy ism myelia angina spasm trophic edema oedema mastia rrhagia esthesia
aesthesia ectasia onychia tumor tumour spadias ptysis pexy tripsy opia ismus pathic plastic oid
oside amide oxide
"""
    )
)


# Word beginnings of medical and chemical vocabulary (Greek and Latin combining forms, the
# substituent names of chemical nomenclature), each with the shortest word it counts in: personal
# names rarely start with these ("Hyper...", "Neuro...", "Methyl..."), and the minimum length keeps
# short names ("Polly", "Brady", "Dyson") out.
def _prefixes(text: str) -> tuple[tuple[str, int], ...]:
    return tuple((p, int(n)) for p, n in (item.split(":") for item in tokens(text)))


MEDICAL_PREFIXES = _prefixes("""
hyper:8 hypo:8 pseudo:9 neuro:8 cardio:9 gastro:9 hepat:8 nephr:8 osteo:8 arthr:8 dermat:9 lymph:8
myel:8 encephal:10 bronch:8 pneumo:9 thrombo:9 leuk:8 leuc:8 erythr:9 immuno:9 blephar:10 tachy:9
brady:9 dys:8 hemat:8 haemat:9 hemo:8 haemo:9 amyo:8 pancrea:9 laryng:8 pharyng:8 esophag:8
oesophag:9 entero:9 ophthalm:9 cysto:8 hystero:9
""")
CHEMICAL_PREFIXES = _prefixes("""
poly:10 tetra:9 hydro:8 methyl:8 ethyl:8 propyl:9 butyl:8 phenyl:9 benzo:8 benzyl:9 benzal:9 chlor:8
fluor:8 glyco:8 cyclo:8 nitro:8 sulfa:8 sulpho:8 phospho:9 thio:8 oxy:8 desoxy:9 deoxy:9 iodo:8 bromo:8
ethan:7 methan:7 propan:8 butan:7
""")
# Pieces of chemical names found anywhere inside a long word ("Tetrahydrocannabinol",
# "Benzylpenicilloyl", "Trihexyphenidyl"): substituent and functional-group names of IUPAC
# nomenclature. Only in words of at least ten letters.
CHEMICAL_MORPHEMES = tuple(
    tokens(
        """
methyl ethyl propyl butyl phenyl benzyl hydroxy hydro chloro fluoro bromo sulfo sulph phospho
nitro amino cyclo thio oxy azol amido imido carbox cannab penicill lysine glutam aspart hexy
"""
    )
)
# Substances, preparations and routes: words that name a drug or a chemical or say how it is given
# ("Hydrogen Peroxide Topical", "Botulinum Toxin", "Carbamide Peroxide Otic", "Immune Globulin").
# Unlike the clinical words they never stand next to a person's name, so they mark a whole span
# as a medical term.
SUBSTANCE_WORDS = words("""
toxin, toxins, antitoxin, toxoid, vaccine, vaccines, globulin, immunoglobulin, antiserum, antivenin,
antivenom, protein, proteins, enzyme, enzymes, peptide, hormone, hormones, peroxide, oxide, monoxide,
dioxide, hydroxide, acid, acids, fatty, gum, extract, lubricant, emollient, emollients, antiseptic,
conjugate, conjugated, polysaccharide, sodium, potassium, magnesium, aluminum, aluminium, barium,
bismuth, lithium, hydrochloride, hydrobromide, sulfate, sulphate, nitrate, nitrite, chloride, acetate,
citrate, phosphate, carbonate, bicarbonate, sulfonate, gluconate, lactate, succinate, tartrate,
maleate, mesylate, besylate, fumarate, propionate, dipropionate, valerate, bromide, fluoride, oxalate,
topical, otic, ophthalmic, transdermal, sublingual, intramuscular, intravenous, subcutaneous,
intranasal, intrathecal, rectal, vaginal, suppository, suppositories, lozenge, lozenges, mouthwash,
shampoo, supplement, supplements, multivitamin, multivitamins, probiotic, probiotics, antacid, laxative,
antihistamine, decongestant, expectorant, analgesic, anesthetic, anaesthetic, antibiotic, antibiotics,
antiviral, antifungal, steroid, steroids, corticosteroid, sterile, purified, liposomal, polyvalent,
monovalent, valent, pegylated, inhaled, injectable, preparation, formulation, usp, ointment, cream,
inactivated, attenuated, recombinant, toxoids, antigen, antigens, antibody, antibodies, sclerosis
""")
# Roman numerals as in "Factor IX", "Type II", "Stage III": never names in this position. (VI and
# XI are left out: "Vi" and "Xi" are names.)
ROMAN_NUMERALS = frozenset(tokens("ii iii iv vii viii ix xii xiii xiv xv xvi xvii xviii xix xx"))

MEDICAL_WORDS = GENERIC_DRUGS | BRAND_DRUGS | DISEASE_WORDS | CLINICAL_WORDS | SUBSTANCE_WORDS
_STEMS_BY_LENGTH = tuple(sorted(set(DRUG_STEMS) | set(MEDICAL_SUFFIXES), key=len, reverse=True))
_PLURAL_BASES = GENERIC_DRUGS | DISEASE_WORDS | SUBSTANCE_WORDS
_MEDICAL_START = re.compile("|".join(sorted((p for p, _ in MEDICAL_PREFIXES), key=len, reverse=True)))
_CHEMICAL_START = re.compile("|".join(sorted((p for p, _ in CHEMICAL_PREFIXES), key=len, reverse=True)))
_PREFIX_LENGTH = dict(MEDICAL_PREFIXES) | dict(CHEMICAL_PREFIXES)
_CHEMICAL = re.compile("|".join(CHEMICAL_MORPHEMES))
_DRUG_STEMS_BY_LENGTH = tuple(sorted(set(DRUG_STEMS) | {"amide", "oxide", "oside"}, key=len, reverse=True))


def _starts(pattern: re.Pattern, w: str) -> bool:
    m = pattern.match(w)
    return m is not None and len(w) >= _PREFIX_LENGTH[m.group()]


def drug_morphology(w: str) -> bool:
    """True when the lower-cased word ``w`` is built like a drug or chemical name: a USAN stem
    ("-sartan"), a chemical beginning ("methyl-", "fluor-") or a chemical piece inside a long word."""
    if any(w.endswith(stem) and len(w) >= len(stem) + _margin(stem) for stem in _DRUG_STEMS_BY_LENGTH):
        return True
    return _starts(_CHEMICAL_START, w) or (len(w) >= 10 and _CHEMICAL.search(w, 1) is not None)


def medical_morphology(w: str) -> bool:
    """True when the lower-cased word ``w`` is built like a medical or chemical word: a drug stem or
    medical ending, a medical or chemical beginning, or a chemical piece inside a long word."""
    if any(w.endswith(stem) and len(w) >= len(stem) + _margin(stem) for stem in _STEMS_BY_LENGTH):
        return True
    if _starts(_MEDICAL_START, w) or drug_morphology(w):
        return True
    if "-" in w:  # "Anti-Human", "T-Lymphocyte", "Calamine-Pramoxine": any medical part
        parts = [p for p in w.split("-") if p]
        if len(parts) > 1 and (parts[0] in ("anti", "non", "pro") or any(_listed_or_built(p) for p in parts)):
            return True
    return False


def _margin(stem: str) -> int:
    """How many letters a word needs before an ending: four before a short one ("-oma": "lymphoma",
    not "Paloma"), three before most, two before a long one ("-fentanil": "alfentanil")."""
    return 4 if len(stem) <= 3 else 3 if len(stem) < 7 else 2


def _listed_or_built(w: str) -> bool:
    return w in MEDICAL_WORDS or (len(w) >= 4 and medical_morphology(w))


@functools.lru_cache(maxsize=65536)
def is_medical_word(word: str) -> bool:
    """True for a drug, disease or clinical word, listed or with a drug stem / medical ending.

    ``word`` is one token in any case; an ending counts only when the word is at least three
    letters longer than it (four for endings of three letters), so "April" is not an ACE inhibitor and
    "Roma" is not a tumour.
    """
    w = word.lower().strip(".'’")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if not w:
        return False
    if w in MEDICAL_WORDS or w in EPONYMS_STRONG:
        return True
    if w.startswith(DRUG_PREFIXES) and len(w) >= 7:
        return True
    if len(w) >= 5 and w.endswith("s") and not w.endswith("ss") and w[:-1] in _PLURAL_BASES:
        return True  # plurals: "Vaccines", "Emollients", "Acids"
    if len(w) >= 8 and w.endswith("s") and medical_morphology(w[:-1]):
        return True  # "Sennosides", "Carcinomas"
    # Short endings need a longer word: "lymphoma" is a tumour, "Paloma" is not.
    return medical_morphology(w)


def is_eponym(word: str) -> bool:
    """True for a word that names a disease, sign or device after a person (strong or weak)."""
    w = word.lower().strip(".'’")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    return w in EPONYMS_STRONG or w in EPONYMS_WEAK


_TERM_WORDS = GENERIC_DRUGS | BRAND_DRUGS | DISEASE_WORDS | EPONYMS_STRONG | SUBSTANCE_WORDS


@functools.lru_cache(maxsize=65536)
def is_drug_like(word: str) -> bool:
    """A listed drug, a substance or preparation word ("Peroxide", "Topical"), or a word built like
    a drug or chemical name (:func:`drug_morphology`)."""
    w = word.lower().strip(".'’,;:()")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if not w:
        return False
    if w in GENERIC_DRUGS or w in BRAND_DRUGS or w in SUBSTANCE_WORDS:
        return True
    if w.startswith(DRUG_PREFIXES) and len(w) >= 7:
        return True
    return drug_morphology(w) or (len(w) >= 8 and w.endswith("s") and drug_morphology(w[:-1]))


@functools.lru_cache(maxsize=65536)
def is_medical_term(word: str) -> bool:
    """A drug or disease word (listed, or with a drug stem or medical ending); not a clinical word
    such as "patient" or "test", which can stand next to a name ("Patient Maria Lopez")."""
    w = word.lower().strip(".'’")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if w in SUBSTANCE_WORDS:
        return True
    if not w or w in CLINICAL_WORDS or w in COMMON_CAPITALISED:
        return False
    return w in _TERM_WORDS or is_medical_word(w)
