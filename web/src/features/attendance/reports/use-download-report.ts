import { useMutation } from '@tanstack/react-query';
import { downloadReportCsv, type ReportQuery } from '../../../api/attendance.api';
import { reportFileName, saveBlob } from './csv-file';

export function useDownloadReport() {
  return useMutation({
    mutationFn: async ({ query, courseCode }: { query: ReportQuery; courseCode?: string }) => {
      const blob = await downloadReportCsv(query);
      const fileName = reportFileName({ ...query, courseCode });
      saveBlob(blob, fileName);
      return fileName;
    },
  });
}
