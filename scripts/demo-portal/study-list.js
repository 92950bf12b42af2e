// Loads the study list the way web viewers do: a request after the page has loaded.
fetch('studies.json')
  .then((response) => response.json())
  .then((studies) => {
    const body = document.querySelector('#studies tbody');
    for (const study of studies) {
      const row = document.createElement('tr');
      for (const key of ['PatientName', 'PatientID', 'PatientBirthDate', 'StudyDate', 'Modality', 'AccessionNumber', 'StudyDescription']) {
        const cell = document.createElement('td');
        cell.textContent = study[key];
        row.append(cell);
      }
      body.append(row);
    }
  });
